// A sealed segment's synchronous Dispose makes it durable with the blocking fsync wrapper and closes it: a synchronous
// method may block, the caller chose Dispose over DisposeAsync.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.Blocking.SegmentDisposeSync;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Close(int fd);
}

public sealed class SealedSegment(int fd) : IDisposable
{
    public void Dispose()
    {
        if (Libc.Fsync(fd) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Libc.Close(fd);
            throw new ErrnoException(errno, "fsync");
        }

        Libc.Close(fd);
    }
}
