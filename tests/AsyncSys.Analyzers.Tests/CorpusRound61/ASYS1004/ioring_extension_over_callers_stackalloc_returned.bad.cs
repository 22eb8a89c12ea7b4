// An extension method on IoRing takes a pointer and a length, wraps them in a MemoryManager and returns the ring write without awaiting it. A checkpoint helper stamps a 32-byte marker in stackalloc memory and returns the extension's ValueTask: the marker's frame is gone when the caller awaits, while the kernel still reads from it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RingExtensionStackMarkerBad;

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

internal static unsafe class RingPointerExtensions
{
    public static ValueTask WriteFromAsync(this IoRing ring, int fd, byte* data, int length, long offset, CancellationToken ct) =>
        ring.WriteAsync(fd, new PointerMemory(data, length).Memory, offset, ct);
}

internal sealed class Checkpointer(IoRing ring, int fd)
{
    public unsafe ValueTask WriteMarkerAsync(long offset, long generation, CancellationToken ct)
    {
        byte* marker = stackalloc byte[32];
        new Span<byte>(marker, 32).Fill(0xCC);
        *(long*)marker = generation;
        return ring.WriteFromAsync(fd, /*~ASYS1004*/marker, 32, offset, ct);
    }
}
