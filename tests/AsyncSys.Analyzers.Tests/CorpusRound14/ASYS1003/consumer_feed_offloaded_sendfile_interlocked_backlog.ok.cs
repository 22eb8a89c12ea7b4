// The same consumer feed with the backlog element decremented by Interlocked.Add: concurrent transfers of one
// consumer each subtract what they sent.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round14.SharedState.ConsumerFeedInterlocked;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static partial nint SendFile(int outFd, int inFd, ref long offset, nuint count);
}

public sealed partial class ConsumerFeed(int segmentFd, int consumerCount)
{
    private readonly long[] _backlogBytes = new long[consumerCount];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long Transfer(int consumer, int socketFd, long position, int count)
    {
        long offset = position;
        nint sent = Native.SendFile(socketFd, segmentFd, ref offset, (nuint)count);
        if (sent < 0)
        {
            return -1;
        }

        Interlocked.Add(ref _backlogBytes[consumer], -sent);
        return sent;
    }

    public long BacklogOf(int consumer) => Volatile.Read(ref _backlogBytes[consumer]);
}
