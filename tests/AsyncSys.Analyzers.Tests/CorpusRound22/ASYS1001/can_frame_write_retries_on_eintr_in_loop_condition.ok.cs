// A CAN logger writes a 16-byte can_frame with write(2) and retries while interrupted by a signal (EINTR) or while the
// transmit queue is full (ENOBUFS, after a short sleep). errno is read in the loop condition right after the write on
// every iteration; Thread.Sleep runs only after the value was taken.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round22.Errno.CanWriteRetryLoop;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct CanFrame
{
    public uint Id;
    public byte Length;
    public byte Pad;
    public byte Reserved0;
    public byte Reserved1;
    public fixed byte Data[8];
}

internal static class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern unsafe nint write(int fd, void* buffer, nuint count);
}

public static class CanWriter
{
    private const int ENOBUFS = 105;

    public static unsafe void Send(int fd, CanFrame frame)
    {
        nint n;
        int errno = 0;
        do
        {
            n = Native.write(fd, &frame, (nuint)sizeof(CanFrame));
            if (n < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                if (errno == ENOBUFS)
                {
                    Thread.Sleep(1);
                }
            }
        }
        while (n < 0 && (errno == AsyncSys.Errno.EINTR || errno == ENOBUFS));

        if (n < 0)
        {
            throw new ErrnoException(errno, "write can_frame");
        }
    }
}
