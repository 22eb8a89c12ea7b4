// A small key-value server appends each commit record to its write-ahead log on the ring and awaits the generated
// fdatasync variant: the flush runs on the ring, no thread waits for the disk, and a failure arrives as ErrnoException.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Blocking.WalCommitFdatasyncAsync;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fdatasync(int fd);
}

public sealed class WalWriter(IoRing ring, int walFd)
{
    private long _tail;

    public async Task CommitAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        await ring.WriteAsync(walFd, record, _tail, ct);
        _tail += record.Length;
        await Native.FdatasyncAsync(walFd, ct);
    }
}
