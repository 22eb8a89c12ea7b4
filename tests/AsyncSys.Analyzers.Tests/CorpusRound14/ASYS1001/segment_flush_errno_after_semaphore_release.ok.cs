// A partition's flusher runs fdatasync for each batch under a SemaphoreSlim gate (one flush at a time per segment),
// releases the gate in a finally, and then tells EIO (the page cache lost the batch: the segment is poisoned) from
// other failures by reading the saved P/Invoke error. SemaphoreSlim.Release is managed code that makes no P/Invoke
// with SetLastError, so the saved error is still fdatasync's: right at run time.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round14.Errno.SegmentFlushAfterSemaphoreRelease;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int Fdatasync(int fd);
}

public sealed class SegmentFlusher(int segmentFd)
{
    private const int EIO = 5;
    private readonly SemaphoreSlim _flushGate = new(1, 1);

    public bool Poisoned { get; private set; }

    public bool FlushBatch()
    {
        _flushGate.Wait();
        int rc;
        try
        {
            rc = Native.Fdatasync(segmentFd);
        }
        finally
        {
            _flushGate.Release();
        }

        if (rc < 0 && Marshal.GetLastPInvokeError() == EIO)
        {
            Poisoned = true;
            return false;
        }

        if (rc < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
        }

        return true;
    }
}
