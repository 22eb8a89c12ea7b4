// The result and errno are captured together in a tuple literal, the read right after the call.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal static unsafe class Block
{
    public static (nint Written, int Errno) Store(int fd, byte* data, nuint length, long offset)
    {
        (nint written, int errno) = (Native.PWrite(fd, data, length, offset), Marshal.GetLastPInvokeError());
        if (written < 0 && errno == Errno.EINTR)
        {
            return Store(fd, data, length, offset);
        }

        return (written, written < 0 ? errno : 0);
    }
}
