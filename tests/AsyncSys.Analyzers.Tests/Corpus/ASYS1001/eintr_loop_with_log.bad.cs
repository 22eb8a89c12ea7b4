// EINTR retry that logs every failure before looking at errno.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);
}

internal static unsafe class EventFd
{
    public static ulong Drain(int fd)
    {
        ulong value;
        while (true)
        {
            nint n = Sys.Read(fd, (byte*)&value, sizeof(ulong));
            if (n == sizeof(ulong))
            {
                return value;
            }

            Console.Error.WriteLine("eventfd read returned " + n);
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw new ErrnoException(errno, "read", "eventfd");
            }
        }
    }
}
