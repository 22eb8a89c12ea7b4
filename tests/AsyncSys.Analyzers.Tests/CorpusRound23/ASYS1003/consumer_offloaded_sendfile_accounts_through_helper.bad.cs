// A consumer-group fetch path sends segment bytes to the consumer's socket with an offloaded sendfile wrapper and
// accounts the bytes served in a shared per-group object through a helper. Fetches of many consumers overlap on
// AsyncSys workers, so `+=` on the shared field loses updates and quota throttling under-counts.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.SharedState.FetchAccountingHelper;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nint count);
}

public sealed class GroupUsage
{
    public long BytesServed;
    public long Fetches;
}

public static partial class FetchPath
{
    private static readonly GroupUsage s_usage = new();

    public static long BytesServed => s_usage.BytesServed;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ServeChunk(int socketFd, int segmentFd, long offset, nint length)
    {
        long position = offset;
        nint sent = Native.SendFile(socketFd, segmentFd, ref position, length);
        if (sent > 0)
        {
            Account(s_usage, sent);
        }

        return sent;
    }

    private static void Account(GroupUsage usage, nint sent)
    {
        /*~ASYS1003*/usage.BytesServed += sent;
    }
}
