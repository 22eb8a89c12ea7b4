using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Errno.DirectCopy;

internal static unsafe class DirectNative
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, void* buffer, nint count);
}

/// <summary>Reads one aligned block of an O_DIRECT copy; the staging file is removed whatever happens.</summary>
internal static unsafe class DirectCopier
{
    public static int ReadBlock(int fd, void* alignedBlock, int blockSize, string stagingPath)
    {
        nint n;
        try
        {
            n = DirectNative.Read(fd, alignedBlock, blockSize);
        }
        finally
        {
            File.Delete(stagingPath);   // unlink(2): sets errno when the file is already gone
        }

        if (n < 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "read");
        }

        return (int)n;
    }
}
