// A feed handler stamps every receive failure with CLOCK_MONOTONIC_RAW for its gap report before it classifies the
// failure. clock_gettime is declared without SetLastError, so the marshaller does not touch the saved error: errno read
// after it is still recvmsg's, and the classification is right. (Unsure label: "another call" in between, but one that
// cannot change what GetLastPInvokeError returns.)
using System.Runtime.InteropServices;

namespace Round15.Errno.RxFailureStampedByClock;

[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static class Native
{
    internal const int CLOCK_MONOTONIC_RAW = 4;
    internal const int EAGAIN = 11;
    internal const int MSG_DONTWAIT = 0x40;

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    internal static extern nint RecvMsg(int fd, nint messageHeader, int flags);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    internal static extern int ClockGetTime(int clock, out Timespec now);
}

public readonly record struct RxFailure(long AtNanoseconds, int Errno);

public sealed class TimestampedReceiver(int socketFd, nint messageHeader)
{
    public RxFailure? ReceiveOnce(out nint length)
    {
        length = Native.RecvMsg(socketFd, messageHeader, Native.MSG_DONTWAIT);
        if (length < 0)
        {
            Native.ClockGetTime(Native.CLOCK_MONOTONIC_RAW, out Timespec now);
            int errno = Marshal.GetLastPInvokeError();
            return errno == Native.EAGAIN ? null : new RxFailure(now.Seconds * 1_000_000_000 + now.Nanoseconds, errno);
        }

        return null;
    }
}
