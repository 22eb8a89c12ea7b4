// A protocol server asks how many bytes a socket holds (ioctl FIONREAD) before renting a frame buffer, capped by a
// per-handler frame limit each handler thread configures in a [ThreadStatic] field. The query is an offloaded wrapper
// (no ring opcode): it runs on an AsyncSys worker, where the field was never set, so the cap is 0 and every frame is
// reported as empty: the server never reads a request.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.PerThread.OffloadedFionreadThreadStaticLimit;

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

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadableFrameBytes(int socketFd)
    {
        int rc = Native.Ioctl(socketFd, Native.FIONREAD, out int available);
        if (rc < 0)
        {
            return rc;
        }

        return Math.Min(available, /*~ASYS1002*/t_maxFrame);
    }
}
