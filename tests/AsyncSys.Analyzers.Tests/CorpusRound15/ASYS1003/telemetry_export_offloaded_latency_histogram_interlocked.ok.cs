// The send-latency histogram, written right: concurrent offloaded sends bump their bucket with Interlocked.Increment.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round15.SharedState.LatencyHistogramInterlocked;

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
        int bucket = Math.Min(63, BitOperations.Log2((ulong)(Stopwatch.GetTimestamp() - start) | 1));
        Interlocked.Increment(ref _sendLatencyBuckets[bucket]);
        return sent;
    }

    public long CountIn(int bucket) => Volatile.Read(ref _sendLatencyBuckets[bucket]);
}
