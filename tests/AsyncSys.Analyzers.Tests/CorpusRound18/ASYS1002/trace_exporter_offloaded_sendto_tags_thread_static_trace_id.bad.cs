// A tracing library keeps the current trace id in a [ThreadStatic] field (set by the instrumented code on its thread).
// Its UDP span sender is an offloaded sendto wrapper that stamps that trace id into the datagram header. Run by AsyncSys
// on a blocking worker, the wrapper reads the worker's field (0, or a stale id of another request), so spans are filed
// under the wrong trace or dropped by the collector as orphans.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.PerThread.OffloadedSendtoTraceId;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(int socket, byte[] buffer, nuint length, int flags, byte[] address, int addressLength);
}

public static class TraceContext
{
    [ThreadStatic] internal static long t_traceId;

    public static void Enter(long traceId) => t_traceId = traceId;
}

public static partial class SpanSender
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendSpan(int socket, byte[] datagram, int length, byte[] collector)
    {
        BinaryPrimitives.WriteInt64BigEndian(datagram, /*~ASYS1002*/TraceContext.t_traceId);
        return Native.SendTo(socket, datagram, (nuint)length, 0, collector, collector.Length);
    }
}
