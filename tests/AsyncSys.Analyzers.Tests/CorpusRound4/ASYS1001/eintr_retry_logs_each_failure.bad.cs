using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.RetryLogs;

internal static unsafe class PipeReader
{
    private const int EINTR = 4;

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte* buffer, nuint count);

    // A read loop that retries on EINTR, but says something on every failure first.
    public static nint ReadSome(int fd, byte[] buffer)
    {
        nint n;
        fixed (byte* p = buffer)
        {
            do
            {
                n = read(fd, p, (nuint)buffer.Length);
                if (n < 0)
                {
                    Console.Error.WriteLine($"read({fd}) failed, maybe retrying");
                }
            }
            while (n < 0 && /*~ASYS1001*/Marshal.GetLastPInvokeError() == EINTR);   // errno of the console write
        }

        return n;
    }
}
