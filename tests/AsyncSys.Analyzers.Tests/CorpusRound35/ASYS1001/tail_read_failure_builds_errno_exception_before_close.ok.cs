// The tailer builds the exception from errno right after the failed pread, then disposes the handle and throws it.
using System;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round35.Errno.TailReadHelperThenClose;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(SafeFileHandle fd, byte* buffer, nuint count, long offset);
}

public sealed unsafe class TailedFile(SafeFileHandle handle)
{
    private static ErrnoException Failure(string syscall) => new(Marshal.GetLastPInvokeError(), syscall);

    public int ReadAt(long offset, Span<byte> destination)
    {
        nint n;
        fixed (byte* p = destination)
        {
            n = Native.PRead(handle, p, (nuint)destination.Length, offset);
        }

        if (n < 0)
        {
            ErrnoException failure = Failure("pread");
            handle.Dispose();
            throw failure;
        }

        return (int)n;
    }
}
