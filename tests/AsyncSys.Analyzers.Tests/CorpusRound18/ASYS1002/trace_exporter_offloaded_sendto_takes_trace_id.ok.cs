// The span sender made right: the caller reads its own trace id and passes it to the offloaded wrapper, which touches no
// per-thread state on the worker.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.PerThread.OffloadedSendtoTakesTraceId;

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
    public static nint SendSpan(int socket, long traceId, byte[] datagram, int length, byte[] collector)
    {
        BinaryPrimitives.WriteInt64BigEndian(datagram, traceId);
        return Native.SendTo(socket, datagram, (nuint)length, 0, collector, collector.Length);
    }

    public static async Task<nint> SendCurrentAsync(int socket, byte[] datagram, int length, byte[] collector) =>
        await SendSpanAsync(socket, TraceContext.t_traceId, datagram, length, collector);
}
