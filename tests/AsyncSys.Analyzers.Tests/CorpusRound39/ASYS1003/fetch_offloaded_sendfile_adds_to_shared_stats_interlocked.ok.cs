// The same zero-copy fetch statistics, added with Interlocked.Add: concurrent workers each add their chunk atomically.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round39.SharedState.FetchStatsInterlocked;

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
        Interlocked.Add(ref Stats.BytesSent, sent);
    }
}
