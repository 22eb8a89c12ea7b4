// A consumer pipelines its acknowledgements: each iteration first awaits the previous iteration's send of the one scratch array, then encodes the next ack into it.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Consumer;

public sealed class AckPipeline
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly byte[] _ack = new byte[12];

    public AckPipeline(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public async Task<int> AckAllAsync(IEnumerable<long> deliveryTags, CancellationToken ct)
    {
        ValueTask<int> previous = default;
        bool pending = false;
        int acked = 0;
        foreach (long tag in deliveryTags)
        {
            if (pending)
            {
                await previous;
                acked++;
            }

            BinaryPrimitives.WriteInt64BigEndian(_ack.AsSpan(4, 8), tag);
            previous = _ring.SendAsync(_socket, _ack, MessageFlags.None, ct);
            pending = true;
        }

        if (pending)
        {
            await previous;
            acked++;
        }

        return acked;
    }
}
