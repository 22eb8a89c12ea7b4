// An ingest loop runs on the ring thread (RunOnRingAsync) and appends each received record to a log; every 64 records it awaits the fdatasync wrapper's generated variant (which throws on failure), so the ring thread keeps serving other loops while the sync runs.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.RingIngestOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class IngestLoop(IoRing ring, int socket, int logFd)
{
    private readonly byte[] _record = GC.AllocateUninitializedArray<byte>(16 * 1024, pinned: true);

    public Task RunAsync(CancellationToken ct) => ring.RunOnRingAsync(async () =>
    {
        long offset = 0;
        int sinceSync = 0;
        while (true)
        {
            int n = await ring.ReceiveAsync(socket, _record, MessageFlags.None, ct);
            if (n == 0)
            {
                break;
            }

            await ring.WriteAsync(logFd, _record.AsMemory(0, n), offset, ct);
            offset += n;
            if (++sinceSync == 64)
            {
                sinceSync = 0;
                await Native.FdatasyncAsync(logFd, ct);
            }
        }
    });
}
