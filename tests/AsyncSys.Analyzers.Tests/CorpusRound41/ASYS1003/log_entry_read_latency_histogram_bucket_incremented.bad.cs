// Raft log entries are read with pread in an offloaded wrapper that records its latency in a static histogram through a helper, which bumps a bucket with ++.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Consensus.Log;

public static unsafe partial class EntryReader
{
    private static readonly long[] s_latencyBuckets = new long[32];

    [DllImport("libc", SetLastError = true)]
    private static extern nint pread(int fd, byte* buffer, nuint count, long offset);

    private static void Record(long elapsedTicks)
    {
        int bucket = Math.Min(31, BitOperations.Log2((ulong)Math.Max(1, elapsedTicks)));
        /*~ASYS1003*/s_latencyBuckets[bucket]++;
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadEntry(int fd, byte[] buffer, long offset)
    {
        long started = Stopwatch.GetTimestamp();
        nint n;
        fixed (byte* p = buffer)
        {
            n = pread(fd, p, (nuint)buffer.Length, offset);
        }

        Record(Stopwatch.GetTimestamp() - started);
        return n;
    }

    public static long[] Snapshot() => (long[])s_latencyBuckets.Clone();
}
