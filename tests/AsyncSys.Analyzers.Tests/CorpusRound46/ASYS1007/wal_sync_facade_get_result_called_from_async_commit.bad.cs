// A WAL file offers a synchronous Sync() facade that blocks on its own SyncAsync (the generated fdatasync variant) with GetAwaiter().GetResult(); the async commit path calls the facade after its awaited write, blocking a pool thread on the ring.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.WalSyncFacadeBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class WalFile(IoRing ring, int fd)
{
    public int Descriptor => fd;

    public async ValueTask SyncAsync(CancellationToken ct = default) =>
        await Native.FdatasyncAsync(ring, fd, ct).ConfigureAwait(false);

    public void Sync() => SyncAsync().AsTask().GetAwaiter().GetResult();
}

internal sealed class CommitPipeline(WalFile wal, IoRing ring)
{
    public async Task CommitAsync(ReadOnlyMemory<byte> batch, long offset, CancellationToken ct)
    {
        await ring.WriteAsync(wal.Descriptor, batch, offset, ct).ConfigureAwait(false);
        /*~ASYS1007*/wal.Sync();
    }
}
