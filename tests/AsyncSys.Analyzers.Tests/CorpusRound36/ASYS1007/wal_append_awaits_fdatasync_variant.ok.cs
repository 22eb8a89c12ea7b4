// The WAL append made right: the record is made durable with the wrapper's generated async variant, awaited, so no
// pool thread is held during the sync.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Blocking.WalAppendFdatasyncAsync;

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
        await LogFile.MakeDurableAsync(logFd, ct);
        return at;
    }
}
