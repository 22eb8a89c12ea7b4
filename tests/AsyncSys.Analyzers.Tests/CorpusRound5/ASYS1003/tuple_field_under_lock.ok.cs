using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round5.Shared.TupleFieldLocked;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern long lseek(int fd, long offset, int whence);
}

public sealed partial class SeekableLog(int fd)
{
    private readonly object _gate = new();
    private (long Offset, long At) _lastSeek;

    public (long Offset, long At) LastSeek
    {
        get
        {
            lock (_gate)
            {
                return _lastSeek;
            }
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SeekToEnd()
    {
        long end = Native.lseek(fd, 0, 2);
        lock (_gate)
        {
            _lastSeek = (end, Environment.TickCount64);
        }

        return end;
    }
}
