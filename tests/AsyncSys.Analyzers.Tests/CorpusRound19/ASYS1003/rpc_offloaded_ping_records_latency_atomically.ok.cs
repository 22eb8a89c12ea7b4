// The same offloaded ping recording its latency with Interlocked.Increment on the histogram bucket: no lost updates.
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round19.SharedState.PingLatencyAtomic;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nuint length, int flags);

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static extern nint Recv(int fd, byte[] buffer, nuint length, int flags);
}

public sealed partial class BlockingRpcChannel
{
    private static readonly byte[] s_ping = [0, 0, 0, 4, 0, 0, 0, 0];
    private readonly long[] _latencyBuckets = new long[16];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint Ping(int fd)
    {
        long started = Stopwatch.GetTimestamp();
        nint sent = Native.Send(fd, s_ping, (nuint)s_ping.Length, 0);
        if (sent < 0)
        {
            return sent;
        }

        byte[] pong = new byte[8];
        nint received = Native.Recv(fd, pong, (nuint)pong.Length, 0);
        if (received < 0)
        {
            return received;
        }

        Record(Stopwatch.GetElapsedTime(started));
        return received;
    }

    private void Record(TimeSpan elapsed)
    {
        int bucket = Math.Min(15, (int)Math.Log2(Math.Max(1.0, elapsed.TotalMicroseconds)));
        Interlocked.Increment(ref _latencyBuckets[bucket]);
    }
}
