// errno is the first argument of the exception; nameof and the interpolated detail are built after it.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

internal static class Preallocate
{
    public static void Reserve(int fd, long offset, long length)
    {
        if (Native.Fallocate(fd, 0, offset, length) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), nameof(Native.Fallocate), $"{length} bytes at {offset}");
        }
    }
}
