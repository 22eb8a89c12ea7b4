using System.Runtime.InteropServices;
using AsyncSys;

namespace Round3.Segments;

public sealed partial class SegmentCursor
{
    private readonly int _fd;
    private long _position;

    public SegmentCursor(int fd) => _fd = fd;

    [LibraryImport("libc", SetLastError = true)]
    private static partial long lseek(int fd, long offset, int whence);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SeekTo(long offset)
    {
        long result = lseek(_fd, offset, 0);
        Remember(result);
        return result;
    }
}

public sealed partial class SegmentCursor
{
    public long Position => _position;

    private void Remember(long result)
    {
        if (result >= 0)
        {
            /*~ASYS1003*/_position = result;   // two SeekToAsync calls on one cursor overlap on workers
        }
    }
}
