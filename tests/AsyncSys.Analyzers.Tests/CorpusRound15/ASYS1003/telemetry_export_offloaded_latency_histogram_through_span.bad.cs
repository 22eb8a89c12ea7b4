// A telemetry exporter measures how long each datagram send takes into a log2 histogram of an instance long[] field. The
// send wrapper has no ring operation (RingOp.None) and the exporter flushes several batches at once, each on its own
// AsyncSys worker; the bucket is bumped through a Span over the field (as hot-path code writes it, to drop the bounds
// checks), a plain ++ that two workers race on: counts are lost and the exported p99 send latency is too low.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round15.SharedState.LatencyHistogramSpan;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nuint length, int flags);
}

public sealed partial class TelemetryExporter(int socketFd)
{
    private readonly long[] _sendLatencyBuckets = new long[64];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long ExportBatch(byte[] batch, int length)
    {
        long start = Stopwatch.GetTimestamp();
        nint sent = Native.Send(socketFd, batch, (nuint)length, 0);
        Span<long> buckets = _sendLatencyBuckets;
        int bucket = Math.Min(63, BitOperations.Log2((ulong)(Stopwatch.GetTimestamp() - start) | 1));
        /*~ASYS1003*/buckets[bucket]++;
        return sent;
    }

    public long CountIn(int bucket) => System.Threading.Volatile.Read(ref _sendLatencyBuckets[bucket]);
}
