// A WAL's async append writes the record through the ring but then makes it durable with the blocking fdatasync
// wrapper, called directly in the async method. Every committing writer holds a thread-pool thread for the whole
// sync (milliseconds on SSD, far longer on a busy disk); under load the pool starves and commit latency explodes.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Blocking.WalAppendFdatasync;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int Fdatasync(int fd);
}

public static partial class LogFile
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int MakeDurable(int fd) => Native.Fdatasync(fd);
}

public sealed class WalAppender(IoRing ring, int logFd)
{
    private long _tail;

    public async Task<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        long at = Interlocked.Add(ref _tail, record.Length) - record.Length;
        await ring.WriteAsync(logFd, record, at, ct);
        if (/*~ASYS1007*/LogFile.MakeDurable(logFd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
        }

        return at;
    }
}
