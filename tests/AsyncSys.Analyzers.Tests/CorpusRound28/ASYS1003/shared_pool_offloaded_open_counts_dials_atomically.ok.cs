// The shared pool made right: the offloaded open counts dials with Interlocked and updates the circuit breaker's
// failure count with Interlocked too (reset with Exchange), so concurrent workers lose no update. The address is
// copied into a per-call array first (a fresh object: the wrapper's own).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round28.Shared.PoolOpenCountsAtomically;

internal static class Native
{
    internal const int AF_INET = 2, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static extern int Connect(int fd, byte[] address, int length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed partial class ServerPool(byte[] serverAddress, int breakAfter)
{
    private long _dials;
    private int _consecutiveFailures;

    public bool Broken => Volatile.Read(ref _consecutiveFailures) >= breakAfter;
    public long Dials => Interlocked.Read(ref _dials);

    // Returns a connected socket, or -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Open()
    {
        Interlocked.Increment(ref _dials);
        byte[] address = serverAddress.AsSpan().ToArray();
        int fd = Native.Socket(Native.AF_INET, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        if (Native.Connect(fd, address, address.Length) == 0)
        {
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            return fd;
        }

        int errno = Marshal.GetLastPInvokeError();
        Native.Close(fd);
        Interlocked.Increment(ref _consecutiveFailures);
        Marshal.SetLastPInvokeError(errno);
        return -1;
    }
}
