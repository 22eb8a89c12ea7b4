// A consumer pipelines its acknowledgements: each iteration encodes the next ack into the one scratch array and only then awaits the previous iteration's send of that same array.
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
            /*~ASYS1005*/BinaryPrimitives.WriteInt64BigEndian(_ack.AsSpan(4, 8), tag);
            if (pending)
            {
                await previous;
                acked++;
            }

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
