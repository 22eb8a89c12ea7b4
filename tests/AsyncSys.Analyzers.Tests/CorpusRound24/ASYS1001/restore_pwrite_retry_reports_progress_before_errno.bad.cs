// A restore tool writes each extent with pwrite and retries on EINTR/EAGAIN; after a short or failed write it first
// prints a progress line to stderr and only then reads errno to decide whether to retry. The console write makes its
// own P/Invoke, so the saved error is the console's: an ENOSPC is taken for "no error" and the loop spins forever.
using System;
using System.Runtime.InteropServices;

namespace Round24.Errno.RestorePwriteProgress;

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

                Console.Error.WriteLine($"restore: extent at {offset + done} interrupted, {done} bytes written");
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno != Native.EINTR && errno != Native.EAGAIN)
                {
                    return -errno;
                }
            }
        }

        return done;
    }
}
