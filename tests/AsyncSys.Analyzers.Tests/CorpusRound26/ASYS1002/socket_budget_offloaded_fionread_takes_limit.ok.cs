// The FIONREAD budget made right: the frame limit is a parameter of the offloaded wrapper, read by the caller on its own
// thread and passed in, so the worker reads no per-thread state.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.PerThread.OffloadedFionreadTakesLimit;

internal static class Native
{
    internal const nuint FIONREAD = 0x541B;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, out int available);
}

public static partial class FrameBudget
{
    [ThreadStatic]
    private static int t_maxFrame;

    public static void Configure(int maxFrame) => t_maxFrame = maxFrame;

    public static int CurrentLimit => t_maxFrame;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadableFrameBytes(int socketFd, int maxFrame)
    {
        int rc = Native.Ioctl(socketFd, Native.FIONREAD, out int available);
        if (rc < 0)
        {
            return rc;
        }

        return Math.Min(available, maxFrame);
    }
}
