using System.Runtime.InteropServices;

namespace Round4.Errno.SystemError;

internal static class Links
{
    [DllImport("libc")]   // no SetLastError: the runtime saves nothing, errno is read directly
    private static extern int unlink(string path);

    public static int Remove(string path)
    {
        if (unlink(path) == 0)
        {
            return 0;
        }

        return -Marshal.GetLastSystemError();
    }
}
