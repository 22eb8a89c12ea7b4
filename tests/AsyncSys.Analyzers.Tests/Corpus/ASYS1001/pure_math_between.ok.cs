// Only arithmetic (Math.Max) runs between the failed call and the errno read.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);
}

internal static unsafe class Pipe
{
    public static int TryWrite(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint n = Sys.Write(fd, p, (nuint)data.Length);
            int written = (int)Math.Max(n, 0);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == Errno.EAGAIN ? 0 : throw new ErrnoException(errno, "write");
            }

            return written;
        }
    }
}
