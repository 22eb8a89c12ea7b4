// A keep-alive connection answers pipelined HEAD and conditional requests (head-only responses) and frames each head with a BinaryWriter over a MemoryStream over its header array, both kept in fields set once in the constructor (not marked readonly); the next response's head is written into the array while the previous head's send of it is still in flight.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace KeepAlive;

internal sealed record ResponseHead(ReadOnlyMemory<byte> Bytes);

internal sealed class ResponseHeadWriter
{
    private readonly IoRing _ring;
    private readonly byte[] _head = new byte[4096];
    private MemoryStream _stream;
    private BinaryWriter _writer;

    public ResponseHeadWriter(IoRing ring)
    {
        _ring = ring;
        _stream = new MemoryStream(_head);
        _writer = new BinaryWriter(_stream);
    }

    public async Task SendAllAsync(int socket, IAsyncEnumerable<ResponseHead> responses, CancellationToken ct)
    {
        ValueTask<int> previous = default;
        bool pending = false;
        await foreach (ResponseHead response in responses.WithCancellation(ct))
        {
            _stream.Position = 0;
            /*~ASYS1005*/_writer.Write(response.Bytes.Span);
            if (pending)
            {
                await previous;
            }

            previous = _ring.SendAsync(socket, _head.AsMemory(0, (int)_stream.Position), MessageFlags.NoSignal, ct);
            pending = true;
        }

        if (pending)
        {
            await previous;
        }
    }
}
