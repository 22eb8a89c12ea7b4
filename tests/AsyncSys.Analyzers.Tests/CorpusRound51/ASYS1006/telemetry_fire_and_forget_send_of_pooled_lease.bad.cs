// A telemetry emitter encodes a sample into a MemoryPool lease and fires the send with `_ = ring.SendAsync(...)`, so no one ever observes its ValueTask (errors are lost and its source is never released), and the `using` gives the lease back when the method returns while the send still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using AsyncSys;

namespace Corpus51.TelemetryFireForgetBad;

internal sealed class TelemetryEmitter(IoRing ring, int socket)
{
    public void Emit(int metricId, double value, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(12);
        Span<byte> span = lease.Memory.Span;
        BinaryPrimitives.WriteInt32LittleEndian(span, metricId);
        BinaryPrimitives.WriteDoubleLittleEndian(span[4..], value);
        /*~ASYS1006*/_ = ring.SendAsync(socket, lease.Memory[..12], MessageFlags.DontWait, ct);
    }
}
