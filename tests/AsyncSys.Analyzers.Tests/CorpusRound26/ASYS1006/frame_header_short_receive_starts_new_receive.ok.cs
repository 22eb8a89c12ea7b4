// The framed reader made right: each short receive is followed by a new receive of the missing bytes, each ValueTask
// awaited exactly once.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.ShortHeaderNewReceive;

public sealed class FrameHeaderReader(IoRing ring, int socketFd)
{
    private readonly byte[] _header = new byte[8];

    public async ValueTask<(int Type, int Length)> ReadHeaderAsync(CancellationToken ct)
    {
        int got = 0;
        while (got < _header.Length)
        {
            int n = await ring.ReceiveAsync(socketFd, _header.AsMemory(got), MessageFlags.None, ct);
            if (n == 0)
            {
                throw new EndOfStreamException("connection closed inside a frame header");
            }

            got += n;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(_header), BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4)));
    }
}
