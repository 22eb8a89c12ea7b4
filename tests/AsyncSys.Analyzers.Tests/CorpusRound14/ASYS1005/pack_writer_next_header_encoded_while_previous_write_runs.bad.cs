// A git-like pack writer pipelines its writes: each object's header (type and size, varint-encoded) is written from
// one 16-byte field array, and the header write of the previous object is only awaited just before the next one is
// started. But the next header is encoded into the same array before that await, while the previous header's ring
// write may still be reading it: the pack gets the next object's type and size in the previous object's place, and
// every reader of the pack fails with "bad object header" or inflates the wrong length.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.BufferInFlight.PackWriterHeaderEncodedEarly;

public sealed record PackObject(int Type, long Size, ReadOnlyMemory<byte> Compressed);

public sealed class PackWriter(IoRing ring, int packFd)
{
    private readonly byte[] _header = new byte[16];
    private long _offset = 12;

    public async Task WriteObjectsAsync(IReadOnlyList<PackObject> objects, CancellationToken ct)
    {
        ValueTask pending = ValueTask.CompletedTask;
        foreach (PackObject obj in objects)
        {
            int length = EncodeObjectHeader(/*~ASYS1005*/_header, obj.Type, obj.Size);
            await pending;
            pending = ring.WriteAsync(packFd, _header.AsMemory(0, length), _offset, ct);
            _offset += length;
            await ring.WriteAsync(packFd, obj.Compressed, _offset, ct);
            _offset += obj.Compressed.Length;
        }

        await pending;
    }

    // Type in bits 4-6 of the first byte, size in 4 bits there and then 7 bits per byte, high bit = more.
    private static int EncodeObjectHeader(Span<byte> destination, int type, long size)
    {
        int at = 0;
        byte first = (byte)((type << 4) | (int)(size & 0x0F));
        size >>= 4;
        while (size != 0)
        {
            destination[at++] = (byte)(first | 0x80);
            first = (byte)(size & 0x7F);
            size >>= 7;
        }

        destination[at++] = first;
        return at;
    }
}
