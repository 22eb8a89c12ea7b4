// Consumer fetches send log segment bytes to the socket with sendfile on AsyncSys workers (an offloaded wrapper), and a
// helper adds each chunk's size to a broker-wide statistics object reached through a static field. Many fetch sessions
// run at once, so `+=` from several workers interleaves its read and write: sent bytes are lost and the throughput the
// broker reports (and throttles quotas by) is too low.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.SharedState.FetchStatsPlusEquals;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nuint count);
}

public sealed class FetchStats
{
    public long BytesSent;
}

public static partial class ZeroCopyFetch
{
    public static readonly FetchStats Stats = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendChunk(int socket, int segment, long offset, int count)
    {
        nint sent = Native.SendFile(socket, segment, ref offset, (nuint)count);
        if (sent > 0)
        {
            Record(sent);
        }

        return sent;
    }

    private static void Record(nint sent)
    {
        /*~ASYS1003*/Stats.BytesSent += sent;
    }
}
