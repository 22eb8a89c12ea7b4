// The same pipelined pack writer awaiting the previous header write before encoding the next header into the shared
// array: the array is only written when no write is reading it.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.BufferInFlight.PackWriterHeaderAwaitedFirst;

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
            await pending;
            int length = EncodeObjectHeader(_header, obj.Type, obj.Size);
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
