using System.Runtime.InteropServices;

namespace Round5.Errno.IsPattern;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int dup(int fd);
}

internal static class Descriptors
{
    public static int Duplicate(int fd)
    {
        if (Native.dup(fd) is int copy and >= 0)
        {
            return copy;
        }

        return -Marshal.GetLastPInvokeError();   // nothing ran since dup on this path
    }
}
