// A shard reader records the failed offset for the health endpoint with Volatile.Write and returns the page to the
// pool before it reads errno. Neither makes a P/Invoke that saves an error (Volatile.Write is a plain store with a
// barrier, ArrayPool.Return runs managed code only), so the saved error is still pread's.
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round20.Errno.PreadVolatileBeforeErrno;

internal static unsafe partial class Native
{
    internal const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class ShardPageReader(int fd)
{
    private long _lastFailedOffset = -1;

    public long LastFailedOffset => Volatile.Read(ref _lastFailedOffset);

    public unsafe int ReadPage(long offset, out byte[]? page)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
        nint n;
        fixed (byte* p = rented)
        {
            n = Native.PRead(fd, p, 4096, offset);
        }

        if (n < 0)
        {
            Volatile.Write(ref _lastFailedOffset, offset);
            ArrayPool<byte>.Shared.Return(rented);
            page = null;
            return -Marshal.GetLastPInvokeError();
        }

        page = rented;
        return (int)n;
    }
}
