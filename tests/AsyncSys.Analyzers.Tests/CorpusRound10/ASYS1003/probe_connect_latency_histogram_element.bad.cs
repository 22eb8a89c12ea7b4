using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round10.Shared.ProbeHistogram;

/// <summary>
/// A health-check tool connects to every backend of a pool with a blocking connect (a timeout set by SO_SNDTIMEO)
/// and keeps a log2 histogram of connect latencies; ProbeConnectAsync runs the probes on workers, many at once.
/// </summary>
internal static partial class BackendProbe
{
    private static readonly long[] s_latencyBuckets = new long[24];

    [DllImport("libc", SetLastError = true)]
    private static extern int connect(int fd, byte[] address, int addressLength);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ProbeConnect(int fd, byte[] address)
    {
        long started = Stopwatch.GetTimestamp();
        int rc = connect(fd, address, address.Length);
        long micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        int bucket = Math.Min(BitOperations.Log2((ulong)micros | 1), s_latencyBuckets.Length - 1);
        /*~ASYS1003*/s_latencyBuckets[bucket]++;   // a read-modify-write of one shared slot by concurrent probes
        return rc;
    }

    public static long[] Snapshot() => (long[])s_latencyBuckets.Clone();
}
