// The GPIO setter, made right: the caller reads its [ThreadStatic] chip on its own thread and passes it in; the
// offloaded wrapper reads no per-thread state. The helper property still exists for synchronous callers.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.PerThread.GpioOffloadedTakesChip;

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

    public static int CurrentChip => t_chipFd;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Set(int chipFd, int line, bool high) => Native.SetLine(chipFd, line, high ? 1 : 0);

    public static ValueTask<int> SetOnMyChipAsync(int line, bool high, CancellationToken ct) =>
        SetAsync(CurrentChip, line, high, ct);
}
