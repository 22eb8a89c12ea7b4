// A per-connection frame reader takes the thread's [ThreadStatic] header scratch once before its receive loop and decodes into it after every awaited receive, on whichever thread resumed.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Wire;

public sealed class FrameReader
{
    [ThreadStatic]
    private static byte[]? t_header;

    private readonly IoRing _ring;
    private readonly int _socket;

    public FrameReader(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public async Task<long> ReadFramesAsync(Func<int, int, Task> dispatch, CancellationToken ct)
    {
        byte[] header = t_header ??= new byte[9];
        byte[] incoming = new byte[9];
        long frames = 0;
        while (true)
        {
            int n = await _ring.ReceiveAsync(_socket, incoming, MessageFlags.WaitAll, ct);
            if (n < 9)
            {
                return frames;
            }

            incoming.CopyTo(/*~ASYS1002*/header, 0);
            int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(0, 4));
            int channel = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4, 4));
            await dispatch(channel, length);
            frames++;
        }
    }
}
