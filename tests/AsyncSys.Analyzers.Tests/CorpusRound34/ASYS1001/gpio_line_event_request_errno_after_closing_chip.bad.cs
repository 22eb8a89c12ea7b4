// A GPIO button watcher asks /dev/gpiochip0 for a line event handle (GPIO_GET_LINEEVENT_IOCTL). When the ioctl fails it
// closes the chip descriptor first (close is declared with SetLastError) and then reads errno to say "line busy"
// (EBUSY: another consumer holds it). The close succeeded and saved its own errno, so the busy line is never reported.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.GpioLineEventAfterClose;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioEventRequest
{
    public uint LineOffset;
    public uint HandleFlags;
    public uint EventFlags;
    public fixed byte ConsumerLabel[32];
    public int Fd;
}

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static unsafe class ButtonLine
{
    private const nuint GPIO_GET_LINEEVENT_IOCTL = 0xC030B404;
    private const uint GPIOHANDLE_REQUEST_INPUT = 1, GPIOEVENT_REQUEST_BOTH_EDGES = 3;
    private const int O_RDWR = 2, EBUSY = 16;

    public static int RequestEvents(string chip, uint line)
    {
        int chipFd = Native.Open(chip, O_RDWR);
        if (chipFd < 0)
        {
            throw new IOException("cannot open " + chip);
        }

        GpioEventRequest request = default;
        request.LineOffset = line;
        request.HandleFlags = GPIOHANDLE_REQUEST_INPUT;
        request.EventFlags = GPIOEVENT_REQUEST_BOTH_EDGES;
        int rc = Native.Ioctl(chipFd, GPIO_GET_LINEEVENT_IOCTL, &request);
        if (rc < 0)
        {
            Native.Close(chipFd);
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new IOException(errno == EBUSY ? $"line {line} is held by another consumer" : $"line {line}: errno {errno}");
        }

        Native.Close(chipFd);
        return request.Fd;
    }
}
