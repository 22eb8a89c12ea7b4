// A connection pool (one instance shared by the whole application) opens TCP connections with a blocking connect
// wrapper run on AsyncSys workers, and counts dials and consecutive failures in plain fields of the pool for its
// circuit breaker. When the pool grows under load several workers run Open at once: increments are lost, and the
// breaker's failure count never reaches its threshold (or is reset by one worker while another adds to it).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round28.Shared.PoolOpenCountsDials;

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
        /*~ASYS1003*/_dials++;
        int fd = Native.Socket(Native.AF_INET, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        if (Native.Connect(fd, serverAddress, serverAddress.Length) == 0)
        {
            /*~ASYS1003*/_consecutiveFailures = 0;
            return fd;
        }

        int errno = Marshal.GetLastPInvokeError();
        Native.Close(fd);
        /*~ASYS1003*/_consecutiveFailures++;
        Marshal.SetLastPInvokeError(errno);
        return -1;
    }
}
