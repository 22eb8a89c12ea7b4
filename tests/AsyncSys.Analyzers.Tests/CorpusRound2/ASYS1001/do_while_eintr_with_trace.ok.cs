// The classic do/while EINTR loop: errno is tested right after the write.
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
        }
        while (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);

        return n;
    }
}
