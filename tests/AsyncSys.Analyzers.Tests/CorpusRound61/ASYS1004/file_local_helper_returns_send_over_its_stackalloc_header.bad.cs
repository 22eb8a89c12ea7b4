// A file-local framing helper builds a 12-byte header in stackalloc memory, wraps the pointer in a MemoryManager and returns the ring send of it without awaiting. When the caller gets the ValueTask the helper's frame, and the header with it, is gone while the kernel still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.FileLocalStackHeaderBad;

file sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
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

file static class HeaderFraming
{
    public static unsafe ValueTask<int> SendHeaderAsync(IoRing ring, int fd, uint kind, uint length, CancellationToken ct)
    {
        byte* header = stackalloc byte[12];
        var span = new Span<byte>(header, 12);
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x4153_5953);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], kind);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], length);
        var memory = new PointerMemory(header, 12);
        return ring.SendAsync(fd, /*~ASYS1004*/memory.Memory, 0, ct);
    }
}

internal sealed class FramedChannel(IoRing ring, int fd)
{
    public async Task SendAsync(uint kind, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        await HeaderFraming.SendHeaderAsync(ring, fd, kind, (uint)body.Length, ct).ConfigureAwait(false);
        await ring.SendAsync(fd, body, 0, ct).ConfigureAwait(false);
    }
}
