// A GPIO input service reads line values with GPIOHANDLE_GET_LINE_VALUES_IOCTL in an offloaded wrapper and records the
// last value of each line through a helper that writes a static Dictionary. The service polls many lines concurrently,
// so two workers insert into the Dictionary at once and corrupt its buckets.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.GpioLastValueHelper;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioHandleData
{
    public fixed byte Values[64];
}

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);
}

public static unsafe partial class GpioInputs
{
    private const nuint GPIOHANDLE_GET_LINE_VALUES_IOCTL = 0xC040B408;
    private static readonly Dictionary<int, byte> s_lastValue = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadLine(int handleFd)
    {
        GpioHandleData data;
        int rc = Native.Ioctl(handleFd, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &data);
        if (rc < 0) return rc;
        Remember(handleFd, data.Values[0]);
        return data.Values[0];
    }

    private static void Remember(int handleFd, byte value)
    {
        /*~ASYS1003*/s_lastValue[handleFd] = value;
    }
}
