// The same commit loop awaiting the generated fdatasync variant (the sync runs on the ring, the thread goes back).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Blocking.CommitLoopFdatasyncAsync;

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

            try
            {
                await Native.FDataSyncAsync(ring, walFd, ct);
            }
            catch (ErrnoException error)
            {
                batch.ForEach(c => c.Durable.TrySetException(error));
                continue;
            }

            batch.ForEach(c => c.Durable.TrySetResult());
        }
    }
}
