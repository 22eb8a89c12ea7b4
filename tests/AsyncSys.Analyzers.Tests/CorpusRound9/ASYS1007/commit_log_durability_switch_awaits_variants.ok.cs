using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Blocking.CommitDurabilityOk;

internal static partial class Sync
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Fdatasync(int fd);
}

internal enum Durability { None, Data, Full }

/// <summary>A key-value store's commit path writes the batch, then awaits the sync the table's durability setting asks for.</summary>
internal sealed class CommitLog(IoRing ring, int fd, Durability durability)
{
    public async ValueTask<long> CommitAsync(ReadOnlyMemory<byte> batch, long offset, CancellationToken cancellationToken)
    {
        await ring.WriteAsync(fd, batch, offset, cancellationToken);
        await (durability switch
        {
            Durability.Data => Sync.FdatasyncAsync(ring, fd, cancellationToken),   // a failure throws ErrnoException
            Durability.Full => Sync.FsyncAsync(ring, fd, cancellationToken),
            _ => ValueTask.FromResult(0),
        });

        return offset + batch.Length;
    }
}
