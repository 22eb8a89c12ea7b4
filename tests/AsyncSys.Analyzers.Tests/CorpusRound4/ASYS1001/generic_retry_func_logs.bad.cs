using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.RetryHelper;

internal static class Retry
{
    private const int EINTR = 4;

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    public static int Fsync(int fd) => Run(() => fsync(fd), "fsync");

    // The caller's call sets errno; the helper prints before it looks.
    public static int Run(Func<int> call, string what)
    {
        for (int attempt = 0; ; attempt++)
        {
            int r = call();
            if (r >= 0)
            {
                return r;
            }

            Console.Error.WriteLine($"{what}: attempt {attempt} failed");
            int errno = /*~ASYS1001*/Marshal.GetLastWin32Error();
            if (errno != EINTR || attempt == 3)
            {
                return -errno;
            }
        }
    }
}
