// A do/while EINTR loop writes a trace line on failure before its condition reads errno.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);
}

internal static unsafe class Pipe
{
    public static nint WriteAll(int fd, byte* data, nuint length)
    {
        nint n;
        do
        {
            n = Native.Write(fd, data, length);
            if (n < 0)
            {
                Console.Error.WriteLine($"write to {fd} interrupted?");
            }
        }
        while (n < 0 && /*~ASYS1001*/Marshal.GetLastPInvokeError() == Errno.EINTR);

        return n;
    }
}
