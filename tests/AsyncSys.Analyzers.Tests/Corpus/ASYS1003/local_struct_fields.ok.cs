// Fields of local structs (the timespec pair for utimensat) are written in the wrapper.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static unsafe partial class Times
{
    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static partial int FUtimens(int fd, TimeSpec* times);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int SetModified(int fd, long seconds)
    {
        TimeSpec* times = stackalloc TimeSpec[2];
        times[0].Nanoseconds = (1L << 30) - 2;
        times[1].Seconds = seconds;
        times[1].Nanoseconds = 0;
        return FUtimens(fd, times);
    }
}
