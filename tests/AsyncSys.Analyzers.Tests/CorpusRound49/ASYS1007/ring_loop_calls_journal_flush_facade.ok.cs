// A replication applier runs on the ring thread (RunOnRingAsync) and, after each applied batch, awaits its journal's FlushAsync (the ring's fdatasync); the journal's synchronous Flush facade stays for callers outside the ring.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.ApplierFlushOk;

internal sealed class Journal(IoRing ring, int fd)
{
    public ValueTask FlushAsync(CancellationToken ct = default) => ring.FdatasyncAsync(fd, ct);

    public void Flush() => FlushAsync().AsTask().GetAwaiter().GetResult();
}

internal sealed class Applier(IoRing ring, int socket, Journal journal, Action<ReadOnlyMemory<byte>> apply)
{
    private readonly byte[] _batch = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);

    public Task RunAsync(CancellationToken ct) => ring.RunOnRingAsync(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(socket, _batch, MessageFlags.None, ct);
            if (n == 0)
            {
                return;
            }

            apply(_batch.AsMemory(0, n));
            await journal.FlushAsync(ct);
        }
    });
}
