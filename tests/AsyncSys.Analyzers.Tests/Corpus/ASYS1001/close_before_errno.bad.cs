// The descriptor is closed on the error path before errno is read: close() sets errno itself.
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
            Sys.Close(fd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "ftruncate");
        }
    }
}
