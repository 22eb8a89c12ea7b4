// A static-file relay serves large bodies with sendfile from an offloaded wrapper and keeps per-upstream counters in an
// UpstreamStats object held by the relay. Many downloads run on AsyncSys workers at once: the plain `+=` and `++` on the
// shared object lose updates, so the bytes-served metric (used for billing) undercounts under load.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.SharedState.SendfileUpstreamStats;

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
            /*~ASYS1003*/_stats.BytesSent += n;
            /*~ASYS1003*/_stats.Transfers++;
        }

        return n;
    }
}
