// errno is captured first, then the descriptor is closed on the error path.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

internal static class Preallocator
{
    public static void Resize(int fd, long length)
    {
        if (Sys.FTruncate(fd, length) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Sys.Close(fd);
            throw new ErrnoException(errno, "ftruncate");
        }
    }
}
