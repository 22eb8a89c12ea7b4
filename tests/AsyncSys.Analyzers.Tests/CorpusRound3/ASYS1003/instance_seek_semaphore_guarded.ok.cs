using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round3.Segments;

public sealed partial class SegmentCursor
{
    private readonly int _fd;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _position;

    public SegmentCursor(int fd) => _fd = fd;

    [LibraryImport("libc", SetLastError = true)]
    private static partial long lseek(int fd, long offset, int whence);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SeekTo(long offset)
    {
        _gate.Wait();
        try
        {
            long result = lseek(_fd, offset, 0);
            Remember(result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}

public sealed partial class SegmentCursor
{
    public long Position => Volatile.Read(ref _position);

    // only called with _gate held
    private void Remember(long result)
    {
        if (result >= 0)
        {
            _position = result;
        }
    }
}
