// A framed reader receives the 8-byte frame header and, on a short receive, "waits for the rest" by awaiting the same
// ValueTask again instead of starting a new receive for the missing bytes. The source behind the ValueTask has been
// recycled after the first await: the second await throws or observes another operation's result.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.ShortHeaderAwaitedTwice;

public sealed class FrameHeaderReader(IoRing ring, int socketFd)
{
    private readonly byte[] _header = new byte[8];

    public async ValueTask<(int Type, int Length)> ReadHeaderAsync(CancellationToken ct)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, _header, MessageFlags.None, ct);
        int got = await receive;
        while (got > 0 && got < _header.Length)
        {
            got += /*~ASYS1006*/await receive;
        }

        if (got < _header.Length)
        {
            throw new EndOfStreamException("connection closed inside a frame header");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(_header), BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4)));
    }
}
