// The same fetch path made right: the helper adds to the shared counters with Interlocked.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round23.SharedState.FetchAccountingInterlocked;

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

    public static long BytesServed => Interlocked.Read(ref s_usage.BytesServed);

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
        Interlocked.Add(ref usage.BytesServed, sent);
        Interlocked.Increment(ref usage.Fetches);
    }
}
