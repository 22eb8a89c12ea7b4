using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.ReadLoop;

internal static unsafe class FullReader
{
    private const int EINTR = 4;

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte* buffer, nuint count);

    public static int ReadFully(int fd, byte* p, int length)
    {
        int done = 0;
        while (true)
        {
            nint n = read(fd, p + done, (nuint)(length - done));
            if (n > 0)
            {
                done += (int)n;
                if (done == length)
                {
                    return done;
                }

                continue;
            }

            if (n == 0)
            {
                return done;
            }

            int errno = Marshal.GetLastPInvokeError();   // nothing ran since the read on this path
            if (errno == EINTR)
            {
                continue;
            }

            Console.Error.WriteLine($"read failed: {errno}");
            return -errno;
        }
    }
}
