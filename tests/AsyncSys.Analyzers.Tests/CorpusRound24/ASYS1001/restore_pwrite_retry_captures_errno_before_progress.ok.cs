// The same extent writer made right: errno is captured on the line after the failed pwrite, and the progress line is
// printed afterwards; the retry decision uses the captured value.
using System;
using System.Runtime.InteropServices;

namespace Round24.Errno.RestorePwriteProgressOk;

internal static unsafe class Native
{
    internal const int EINTR = 4, EAGAIN = 11;

    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public static unsafe class ExtentWriter
{
    public static long WriteExtent(int fd, byte[] data, long offset)
    {
        long done = 0;
        fixed (byte* p = data)
        {
            while (done < data.Length)
            {
                nint n = Native.PWrite(fd, p + done, (nuint)(data.Length - done), offset + done);
                if (n >= 0)
                {
                    done += n;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                Console.Error.WriteLine($"restore: extent at {offset + done} interrupted, {done} bytes written");
                if (errno != Native.EINTR && errno != Native.EAGAIN)
                {
                    return -errno;
                }
            }
        }

        return done;
    }
}
