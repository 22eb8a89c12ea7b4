// A telemetry emitter encodes a sample into a MemoryPool lease and awaits the send before the `using` gives the lease back.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.TelemetryFireForgetOk;

internal sealed class TelemetryEmitter(IoRing ring, int socket)
{
    public async ValueTask EmitAsync(int metricId, double value, CancellationToken ct)
    {
        using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(12);
        Encode(lease.Memory.Span, metricId, value);
        await ring.SendAsync(socket, lease.Memory[..12], MessageFlags.DontWait, ct).ConfigureAwait(false);
    }

    private static void Encode(Span<byte> span, int metricId, double value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span, metricId);
        BinaryPrimitives.WriteDoubleLittleEndian(span[4..], value);
    }
}
