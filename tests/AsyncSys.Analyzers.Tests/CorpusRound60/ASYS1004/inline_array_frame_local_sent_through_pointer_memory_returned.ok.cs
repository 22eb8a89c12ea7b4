// The telemetry sender still builds the datagram in an [InlineArray(64)] local, but sends a heap copy of the bytes it wrote: the copy is made before the send starts, and the task keeps the array alive.
using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.InlineArrayFrameOk;

[InlineArray(64)]
internal struct Datagram64
{
    private byte _element0;
}

internal sealed class TelemetrySender(IoRing ring, int socket)
{
    public ValueTask<int> SendSample(uint sensor, long value, CancellationToken ct)
    {
        Datagram64 datagram = default;
        Span<byte> span = datagram;
        BinaryPrimitives.WriteUInt32BigEndian(span, sensor);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
        byte[] copy = span[..12].ToArray();
        return ring.SendAsync(socket, copy, MessageFlags.None, ct);
    }
}
