using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.HelperProperty;

internal static class Dirs
{
    private const int ENOTEMPTY = 39;

    [DllImport("libc")]
    private static extern int rmdir(string path);

    private static int LastErrno => Marshal.GetLastSystemError();

    public static int RemoveIfEmpty(string path)
    {
        int rc = rmdir(path);
        if (rc != 0)
        {
            Console.Error.WriteLine("rmdir " + path + " failed");
            return /*~ASYS1001*/LastErrno == ENOTEMPTY ? 0 : -1;   // the console write ran after rmdir
        }

        return 0;
    }
}
