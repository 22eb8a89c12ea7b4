// A broker feeds consumers straight from the segment file with sendfile. Transfer is an offloaded instance wrapper (an
// ordinary method outside the table, RingOp.None) and a consumer with prefetch has several transfers in flight at
// once, each on its own worker. Each subtracts what it sent from that consumer's backlog with a plain `-=` on an
// element of an array field: two workers read the same old value and one subtraction is lost, so the backlog never
// reaches zero and the consumer is reported as lagging forever (and never rebalanced away from a dead partition).
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round14.SharedState.ConsumerFeedBacklog;

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

        /*~ASYS1003*/_backlogBytes[consumer] -= sent;
        return sent;
    }

    public long BacklogOf(int consumer) => System.Threading.Volatile.Read(ref _backlogBytes[consumer]);
}
