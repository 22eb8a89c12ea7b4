// The inotify reader stackallocs a Span<byte> and reads into it with the synchronous read(2) P/Invoke, which returns
// before the frame does; the events are parsed in the same frame.
using System;
using System.Runtime.InteropServices;

namespace Round35.Stack.InotifySpanSyncRead;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public sealed unsafe class InotifyReader(int inotifyFd)
{
    public int ReadEventCount()
    {
        Span<byte> events = stackalloc byte[4096];
        nint n;
        fixed (byte* p = events)
        {
            n = Native.Read(inotifyFd, p, (nuint)events.Length);
        }

        if (n <= 0)
        {
            return 0;
        }

        int count = 0;
        for (int at = 0; at + 16 <= n; count++)
        {
            at += 16 + BitConverter.ToInt32(events.Slice(at + 12, 4));
        }

        return count;
    }
}
