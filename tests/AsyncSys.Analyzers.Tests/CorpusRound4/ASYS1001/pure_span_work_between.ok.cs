using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.PureWork;

internal static unsafe class Headers
{
    [DllImport("libc", SetLastError = true)]
    private static extern nint pread(int fd, byte* buffer, nuint count, long offset);

    public static int ReadHeader(int fd, Span<byte> header)
    {
        fixed (byte* p = header)
        {
            nint n = pread(fd, p, (nuint)header.Length, 0);
            int got = Math.Max((int)n, 0);
            header.Slice(got).Clear();                 // managed only: no native call
            if (n < 0)
            {
                return -Marshal.GetLastPInvokeError();
            }

            return got;
        }
    }
}
