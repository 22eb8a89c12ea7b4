// The uploader's offloaded sendfile wrapper limits concurrency with a SemaphoreSlim but adds the sent byte count to its
// total after the finally has released the slot. The += runs unsynchronized on concurrent workers and loses counts:
// the acknowledged offset drifts from what was really sent.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round35.Shared.SendfileTotalAfterRelease;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nuint count);
}

public sealed partial class SegmentUploader(int socketFd)
{
    private readonly SemaphoreSlim _slots = new(4);
    private long _sentBytes;

    public long SentBytes => Interlocked.Read(ref _sentBytes);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long Upload(int segmentFd, long offset, long count)
    {
        nint sent;
        _slots.Wait();
        try
        {
            long position = offset;
            sent = Native.SendFile(socketFd, segmentFd, ref position, (nuint)count);
        }
        finally
        {
            _slots.Release();
        }

        if (sent > 0)
        {
            /*~ASYS1003*/_sentBytes += sent;
        }

        return sent;
    }
}
