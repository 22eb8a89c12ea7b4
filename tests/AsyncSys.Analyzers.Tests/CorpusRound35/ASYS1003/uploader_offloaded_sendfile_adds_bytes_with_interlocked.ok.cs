// The same uploader adds the sent byte count with Interlocked.Add after releasing its slot.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round35.Shared.SendfileTotalInterlocked;

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
            Interlocked.Add(ref _sentBytes, sent);
        }

        return sent;
    }
}
