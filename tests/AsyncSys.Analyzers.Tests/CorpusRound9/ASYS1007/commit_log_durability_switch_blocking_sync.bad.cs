using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Blocking.CommitDurability;

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

/// <summary>A key-value store's commit path writes the batch, then syncs the log as the table's durability setting asks.</summary>
internal sealed class CommitLog(IoRing ring, int fd, Durability durability)
{
    public async ValueTask<long> CommitAsync(ReadOnlyMemory<byte> batch, long offset, CancellationToken cancellationToken)
    {
        await ring.WriteAsync(fd, batch, offset, cancellationToken);
        int rc = durability switch
        {
            Durability.Data => /*~ASYS1007*/Sync.Fdatasync(fd),   // a pool thread blocked for the whole flush
            Durability.Full => /*~ASYS1007*/Sync.Fsync(fd),
            _ => 0,
        };
        if (rc != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), durability == Durability.Full ? "fsync" : "fdatasync");
        }

        return offset + batch.Length;
    }
}
