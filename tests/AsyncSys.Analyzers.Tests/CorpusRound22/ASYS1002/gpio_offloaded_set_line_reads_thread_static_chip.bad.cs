// A GPIO service keeps "the chip this thread opened" in a [ThreadStatic] field, set by the request thread before it
// calls the line setter, and reads it through a helper property. The setter is an offloaded wrapper (no ring opcode):
// on the AsyncSys worker the field is the worker's (0, or another request's chip), so the relay on the wrong header
// (or stdin, fd 0) is switched.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.PerThread.GpioOffloadedThreadStaticChip;

internal static class Native
{
    [DllImport("libgpio-shim", EntryPoint = "gpio_shim_set_line", SetLastError = true)]
    public static extern int SetLine(int chipFd, int line, int value);
}

public static partial class GpioLines
{
    [System.ThreadStatic]
    private static int t_chipFd;

    public static void UseChip(int chipFd) => t_chipFd = chipFd;

    private static int CurrentChip => t_chipFd;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Set(int line, bool high) => Native.SetLine(/*~ASYS1002*/CurrentChip, line, high ? 1 : 0);
}
