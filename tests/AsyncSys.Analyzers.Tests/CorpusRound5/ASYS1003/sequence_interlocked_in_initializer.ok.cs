using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round5.Shared.InitializerInterlocked;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int command, int argument);
}

public static partial class FileFlags
{
    private const int F_SETFL = 4;
    private static long s_sequence;

    public static ConcurrentQueue<Dictionary<string, long>> Audit { get; } = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SetFlags(int fd, int flags)
    {
        var entry = new Dictionary<string, long>   // a fresh dictionary per call
        {
            ["fd"] = fd,
            ["seq"] = Interlocked.Increment(ref s_sequence),
        };
        int rc = Native.fcntl(fd, F_SETFL, flags);
        Audit.Enqueue(entry);
        return rc;
    }
}
