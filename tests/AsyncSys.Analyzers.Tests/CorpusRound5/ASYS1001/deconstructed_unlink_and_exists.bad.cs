using System.IO;
using System.Runtime.InteropServices;

namespace Round5.Errno.Deconstruction;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int unlink(string path);
}

internal static class TempFiles
{
    private const int ENOENT = 2;

    public static int Remove(string path)
    {
        (int rc, bool stillThere) = (Native.unlink(path), File.Exists(path));   // File.Exists calls stat(2)
        if (rc < 0 && stillThere)
        {
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();              // stat's errno, not unlink's
            return errno == ENOENT ? 0 : -errno;
        }

        return 0;
    }
}
