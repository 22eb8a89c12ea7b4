// The scrubber's verify wrapper made right: the shared counters are updated with Interlocked, so parallel workers add
// without losing updates; the block buffer is the call's own.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round36.SharedState.ScrubberStatsInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(int fd, byte[] buffer, nint count, long offset);
}

public sealed class ScrubStats
{
    public long BytesVerified;
    public int CorruptBlocks;
}

public sealed partial class Scrubber
{
    private readonly ScrubStats _stats = new();

    public ScrubStats Stats => _stats;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint VerifyBlock(int fd, long offset, int length, uint expectedCrc)
    {
        var block = new byte[length];
        nint n = Native.PRead(fd, block, length, offset);
        if (n < 0)
        {
            return n;
        }

        Interlocked.Add(ref _stats.BytesVerified, n);
        if (Checksum(block, (int)n) != expectedCrc)
        {
            Interlocked.Increment(ref _stats.CorruptBlocks);
        }

        return n;
    }

    private static uint Checksum(byte[] data, int length)
    {
        uint h = 2166136261;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ data[i]) * 16777619;
        }

        return h;
    }
}
