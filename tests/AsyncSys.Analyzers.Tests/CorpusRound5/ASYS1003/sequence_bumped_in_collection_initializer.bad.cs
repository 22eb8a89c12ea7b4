using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round5.Shared.InitializerSequence;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int command, int argument);
}

public static partial class FileFlags
{
    private const int F_SETFL = 4;
    private static long s_sequence;

    public static List<Dictionary<string, long>> Audit { get; } = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SetFlags(int fd, int flags)
    {
        var entry = new Dictionary<string, long>
        {
            ["fd"] = fd,
            ["seq"] = /*~ASYS1003*/++s_sequence,   // two workers can take the same number
        };
        int rc = Native.fcntl(fd, F_SETFL, flags);
        lock (Audit)
        {
            Audit.Add(entry);
        }

        return rc;
    }
}
