// The file-local framing helper builds its header in stackalloc memory but copies it into a small array and sends the array, so no memory of its frame outlives the helper.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.FileLocalStackHeaderOk;

file static class HeaderFraming
{
    public static ValueTask<int> SendHeaderAsync(IoRing ring, int fd, uint kind, uint length, CancellationToken ct)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x4153_5953);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], kind);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], length);
        byte[] copy = header.ToArray();
        return ring.SendAsync(fd, copy, 0, ct);
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
