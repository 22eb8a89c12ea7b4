// The same sendfile relay with its counters updated by Interlocked: concurrent workers add without losing updates.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round19.SharedState.SendfileInterlockedStats;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nint count);
}

public sealed class UpstreamStats
{
    public long BytesSent;
    public int Transfers;
}

public sealed partial class StaticFileRelay
{
    private readonly UpstreamStats _stats = new();

    public UpstreamStats Stats => _stats;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint SendFileChunk(int socketFd, int fileFd, long offset, nint count)
    {
        nint n = Native.SendFile(socketFd, fileFd, ref offset, count);
        if (n > 0)
        {
            Interlocked.Add(ref _stats.BytesSent, n);
            Interlocked.Increment(ref _stats.Transfers);
        }

        return n;
    }
}
