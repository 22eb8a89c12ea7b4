// A background scrubber verifies SSTable blocks on AsyncSys workers: the offloaded wrapper reads a block with pread,
// checks its CRC and adds to counters in the scrubber's statistics object. Several tables are scrubbed at once, so the
// += and ++ race: the dashboard under-reports verified bytes and, worse, the corrupt-block count that triggers repair.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round36.SharedState.ScrubberStats;

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

        /*~ASYS1003*/_stats.BytesVerified += n;
        if (Checksum(block, (int)n) != expectedCrc)
        {
            /*~ASYS1003*/_stats.CorruptBlocks++;
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
