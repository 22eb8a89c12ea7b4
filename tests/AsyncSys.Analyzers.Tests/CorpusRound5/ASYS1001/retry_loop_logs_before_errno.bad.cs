using System;
using System.Runtime.InteropServices;

namespace Round5.Errno.RetryLogs;

internal static unsafe class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, byte* buffer, nuint count);
}

internal static class PipeWriterLoop
{
    private const int EINTR = 4;
    private const int EAGAIN = 11;

    public static unsafe nint WriteSome(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            for (int attempt = 0; ; attempt++)
            {
                nint n = Native.write(fd, p, (nuint)data.Length);
                if (n >= 0)
                {
                    return n;
                }

                Console.Error.WriteLine($"write to fd {fd} failed (attempt {attempt})");
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if ((errno == EINTR || errno == EAGAIN) && attempt < 5)
                {
                    continue;
                }

                return -errno;
            }
        }
    }
}
