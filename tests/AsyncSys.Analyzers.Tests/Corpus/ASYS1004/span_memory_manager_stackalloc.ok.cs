// The same MemoryManager over a span of a pinned-heap array, which never moves or dies with the frame.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class SpanMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public SpanMemoryManager(Span<byte> span)
    {
        _pointer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
        _length = span.Length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal static class Ack
{
    public static ValueTask<int> SendAsync(IoRing ring, int socket, uint sequence, CancellationToken cancellationToken)
    {
        byte[] ack = GC.AllocateArray<byte>(4, pinned: true);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ack, sequence);
        var manager = new SpanMemoryManager(ack);
        return ring.SendAsync(socket, manager.Memory, 0, cancellationToken);
    }
}
