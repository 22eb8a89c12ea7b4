using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Errno.DirectCopyOk;

internal static unsafe class DirectNative
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, void* buffer, nint count);
}

/// <summary>Reads one aligned block of an O_DIRECT copy; errno is kept inside the try, before the finally unlinks.</summary>
internal static unsafe class DirectCopier
{
    public static int ReadBlock(int fd, void* alignedBlock, int blockSize, string stagingPath)
    {
        nint n;
        int errno = 0;
        try
        {
            n = DirectNative.Read(fd, alignedBlock, blockSize);
            if (n < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
        }
        finally
        {
            File.Delete(stagingPath);
        }

        if (n < 0)
        {
            throw new ErrnoException(errno, "read");
        }

        return (int)n;
    }
}
