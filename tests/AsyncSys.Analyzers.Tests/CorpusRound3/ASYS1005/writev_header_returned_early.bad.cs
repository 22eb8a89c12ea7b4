using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Frames;

public sealed class FrameWriter
{
    private readonly IoRing _ring;

    public FrameWriter(IoRing ring) => _ring = ring;

    public async ValueTask<int> WriteFrameAsync(int fd, ReadOnlyMemory<byte> payload, long offset)
    {
        byte[] header = ArrayPool<byte>.Shared.Rent(16);
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        var segments = new ReadOnlyMemory<byte>[] { header.AsMemory(0, 16), payload };
        ValueTask write = _ring.WriteAsync(fd, segments, offset);
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(header);   // "the header is built, we are done with it"
        await write;
        return 16 + payload.Length;
    }
}
