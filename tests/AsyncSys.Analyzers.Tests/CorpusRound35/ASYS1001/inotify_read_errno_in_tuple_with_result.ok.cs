// The inotify pump takes the read's result and errno together in one tuple, the errno read right after the call, and
// logs afterwards.
using System.IO;
using System.Runtime.InteropServices;

namespace Round35.Errno.InotifyReadTuple;

internal static unsafe class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public sealed unsafe class InotifyPump(int inotifyFd, TextWriter? debugLog)
{
    public int Pump(byte* events, int capacity)
    {
        while (true)
        {
            (nint n, int errno) = (Native.Read(inotifyFd, events, (nuint)capacity), Marshal.GetLastPInvokeError());
            if (n >= 0)
            {
                return (int)n;
            }

            debugLog?.WriteLine($"inotify read failed: errno {errno}");
            if (errno != Native.EINTR)
            {
                return -1;
            }
        }
    }
}
