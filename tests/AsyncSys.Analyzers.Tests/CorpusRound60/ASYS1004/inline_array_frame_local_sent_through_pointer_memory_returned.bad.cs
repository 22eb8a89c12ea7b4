// A telemetry sender builds each 64-byte datagram in a C# 12 [InlineArray(64)] buffer declared as a local (no stackalloc in sight), takes the span's address back with Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)), wraps it in a MemoryManager and returns the ring's send. The inline array lives in the returning frame: the send reads whatever the next call puts there.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.InlineArrayFrameBad;

[InlineArray(64)]
internal struct Datagram64
{
    private byte _element0;
}

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class TelemetrySender(IoRing ring, int socket)
{
    public unsafe ValueTask<int> SendSample(uint sensor, long value, CancellationToken ct)
    {
        Datagram64 datagram = default;
        Span<byte> span = datagram;
        BinaryPrimitives.WriteUInt32BigEndian(span, sensor);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
        byte* address = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
        var memory = new PointerMemory(address, 12);
        return ring.SendAsync(socket, /*~ASYS1004*/memory.Memory, MessageFlags.None, ct);
    }
}
