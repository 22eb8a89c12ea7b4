// A serial reader on a non-blocking /dev/ttyUSB0 retries read(2) when a signal interrupted it (EINTR) and reports "no
// data yet" for EAGAIN; errno is read right after the failed read on every path.
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.SerialReadEintr;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public static unsafe class SerialReader
{
    private const int EINTR = 4, EAGAIN = 11;

    public static int ReadAvailable(int ttyFd, byte[] into)
    {
        fixed (byte* p = into)
        {
            nint n;
            int errno = 0;
            do
            {
                n = Native.Read(ttyFd, p, (nuint)into.Length);
            }
            while (n < 0 && (errno = Marshal.GetLastPInvokeError()) == EINTR);

            if (n >= 0)
            {
                return (int)n;
            }

            if (errno == EAGAIN)
            {
                return 0;
            }

            throw new IOException("serial read failed, errno " + errno);
        }
    }
}
