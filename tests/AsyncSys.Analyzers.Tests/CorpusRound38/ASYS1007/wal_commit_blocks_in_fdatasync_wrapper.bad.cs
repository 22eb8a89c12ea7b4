// A small key-value server appends each commit record to its write-ahead log on the ring, then makes it durable with the
// blocking fdatasync wrapper inside the async commit path: the thread-pool thread is blocked for the whole flush
// (milliseconds on a busy disk), and under load every pool thread sits in fdatasync while ready requests wait.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Blocking.WalCommitFdatasync;

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
        if (/*~ASYS1007*/Native.Fdatasync(walFd) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
        }
    }
}
