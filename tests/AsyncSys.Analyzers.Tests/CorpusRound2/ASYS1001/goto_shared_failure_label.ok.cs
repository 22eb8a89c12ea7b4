// C-style cleanup: two calls jump to one failure label, which reads errno first.
using System;
using System.Runtime.InteropServices;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);
}

internal static class Resize
{
    public static int Apply(int fd, long length)
    {
        if (Native.Ftruncate(fd, length) != 0)
        {
            goto fail;
        }

        if (Native.Fsync(fd) != 0)
        {
            goto fail;
        }

        return 0;

    fail:
        int errno = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine($"resize of fd {fd} to {length} failed");
        return -errno;
    }
}
