// When a pread of the tailed file fails the tailer first disposes its SafeFileHandle (close(2), a P/Invoke that sets
// errno) and then throws an exception built by a helper from errno. The error reported is the close's (usually 0 or
// EBADF), not the read's EIO, and the operator chases the wrong problem.
using System;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round35.Errno.TailReadCloseThenHelper;

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
            handle.Dispose();
            throw /*~ASYS1001*/Failure("pread");
        }

        return (int)n;
    }
}
