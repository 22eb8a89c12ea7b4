// A WAL's group-commit loop drains a channel of pending commits, writes the batch through the ring, and then calls the
// blocking fdatasync wrapper. The loop is async and runs on the thread pool: each sync parks a pool thread for the
// device's flush latency (milliseconds), and under load the pool starves the request handlers feeding the WAL.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Blocking.CommitLoopFdatasync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

public sealed record PendingCommit(byte[] Record, TaskCompletionSource Durable);

public sealed class CommitLoop(IoRing ring, int walFd, ChannelReader<PendingCommit> pending)
{
    private long _tail;

    public async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<PendingCommit>();
        while (await pending.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (pending.TryRead(out PendingCommit? commit))
            {
                await ring.WriteAsync(walFd, commit.Record, _tail, ct);
                _tail += commit.Record.Length;
                batch.Add(commit);
            }

            if (/*~ASYS1007*/Native.FDataSync(walFd) != 0)
            {
                var error = new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
                batch.ForEach(c => c.Durable.TrySetException(error));
                continue;
            }

            batch.ForEach(c => c.Durable.TrySetResult());
        }
    }
}
