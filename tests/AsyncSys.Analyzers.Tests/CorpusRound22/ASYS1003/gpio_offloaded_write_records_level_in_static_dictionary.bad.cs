// A GPIO gateway writes a line's value through sysfs (/sys/class/gpio/gpioN/value) in an offloaded wrapper and records
// the last level per pin in a static Dictionary for its status page. Relays switched at once run on several workers;
// concurrent inserts into a Dictionary corrupt its buckets (a lookup then loops forever or throws).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.SharedState.GpioLevelsDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static extern nint pwrite(int fd, byte[] buffer, nuint count, long offset);
}

public static partial class SysfsGpio
{
    private static readonly Dictionary<int, bool> s_levels = new();
    private static readonly byte[] s_one = "1"u8.ToArray();
    private static readonly byte[] s_zero = "0"u8.ToArray();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint WriteLevel(int valueFd, int pin, bool high)
    {
        nint n = Native.pwrite(valueFd, high ? s_one : s_zero, 1, 0);
        if (n == 1)
        {
            /*~ASYS1003*/s_levels[pin] = high;
        }

        return n;
    }

    public static bool LastLevel(int pin) => s_levels.TryGetValue(pin, out bool high) && high;
}
