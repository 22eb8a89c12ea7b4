using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round5.Shared.TupleField;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern long lseek(int fd, long offset, int whence);
}

public sealed partial class SeekableLog(int fd)
{
    private (long Offset, long At) _lastSeek;

    public (long Offset, long At) LastSeek => _lastSeek;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SeekToEnd()
    {
        long end = Native.lseek(fd, 0, 2);
        /*~ASYS1003*/_lastSeek = (end, Environment.TickCount64);   // a two-field struct: a concurrent reader or writer tears it
        return end;
    }
}
