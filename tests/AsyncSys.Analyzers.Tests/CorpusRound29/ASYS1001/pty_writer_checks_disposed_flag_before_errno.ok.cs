// A terminal's input writer writes typed bytes to the pty master with write(2). When the write fails it reads its
// disposed flag with Volatile.Read (Dispose closes the master from the UI thread, and EBADF is expected then) before it
// reads errno for EIO/EAGAIN. Volatile.Read is a memory-ordered load, not a native call: errno is still the write's.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round29.Errno.PtyWriterDisposedFlag;

internal static unsafe class Native
{
    internal const int EAGAIN = 11, EIO = 5;

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte* buffer, nuint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed class PtyInputWriter(int masterFd) : IDisposable
{
    private int _disposed;

    public unsafe int Send(ReadOnlySpan<byte> typed)
    {
        nint n;
        fixed (byte* p = typed)
        {
            n = Native.Write(masterFd, p, (nuint)typed.Length);
        }

        if (n >= 0)
        {
            return (int)n;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            return 0;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno == Native.EAGAIN ? 0 : errno == Native.EIO ? -1 : throw new InvalidOperationException("write: " + errno);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Native.Close(masterFd);
        }
    }
}
