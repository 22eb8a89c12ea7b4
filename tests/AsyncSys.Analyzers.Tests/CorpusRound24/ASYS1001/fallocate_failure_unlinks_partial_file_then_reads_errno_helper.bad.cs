// A restore path reserves the file's full size with fallocate before writing; on failure it removes the partial file
// with unlink and then builds the exception from an errno helper property. unlink ran after the failed fallocate and
// (succeeding) left its own errno: an ENOSPC ("the target disk is full, free space and retry") is reported as
// something else, and the restore's retry-after-cleanup branch is never taken.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.Errno.FallocateUnlinkHelper;

internal static class Native
{
    internal const int ENOSPC = 28;

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    internal static extern int Unlink(string path);
}

public static class RestoreTarget
{
    private static int Errno => Marshal.GetLastPInvokeError();

    public static bool Reserve(int fd, string path, long size)
    {
        if (Native.Fallocate(fd, 0, 0, size) < 0)
        {
            Native.Unlink(path);
            int errno = /*~ASYS1001*/Errno;
            if (errno == Native.ENOSPC)
            {
                return false;
            }

            throw new ErrnoException(errno, "fallocate", path);
        }

        return true;
    }
}
