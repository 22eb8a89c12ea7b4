// The inotify event loop reads events with read(2); on failure it logs through an optional TextWriter with a
// null-conditional call and then reads errno to tell EINTR (retry) from a dead descriptor. When a log is configured the
// write runs in between and may set errno: an EINTR is taken for a fatal error and the tailer stops watching.
using System.IO;
using System.Runtime.InteropServices;

namespace Round35.Errno.InotifyReadNullConditionalLog;

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
            nint n = Native.Read(inotifyFd, events, (nuint)capacity);
            if (n is >= 0)
            {
                return (int)n;
            }

            debugLog?.WriteLine("inotify read failed");
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.EINTR)
            {
                return -1;
            }
        }
    }
}
