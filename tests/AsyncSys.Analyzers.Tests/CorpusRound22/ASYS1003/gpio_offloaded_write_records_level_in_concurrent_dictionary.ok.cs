// The GPIO level record, made right: a ConcurrentDictionary takes concurrent sets from several workers, and the
// per-call bytes come from a small array made in the call.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.SharedState.GpioLevelsConcurrent;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static extern nint pwrite(int fd, byte[] buffer, nuint count, long offset);
}

public static partial class SysfsGpio
{
    private static readonly ConcurrentDictionary<int, bool> s_levels = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint WriteLevel(int valueFd, int pin, bool high)
    {
        byte[] text = new byte[1];
        text[0] = high ? (byte)'1' : (byte)'0';
        nint n = Native.pwrite(valueFd, text, 1, 0);
        if (n == 1)
        {
            s_levels[pin] = high;
        }

        return n;
    }
}
