// A broker relays a compressed segment to a consumer that cannot decompress: each chunk is decompressed with CopyToAsync
// into a MemoryStream over the response array, then sent. The loop keeps the previous send in flight while it copies the
// next chunk into the same array (the stream writes into it from position 0), and only then awaits that send: the
// consumer receives the tail of one chunk with the head of the next, and its decoder fails in the middle of a batch.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.InFlight.FetchRelayCopyToOverSend;

public sealed class FetchRelay(IoRing ring, int socket)
{
    private readonly byte[] _response = new byte[64 * 1024];

    public async Task<long> RelayAsync(IReadOnlyList<Stream> decompressedChunks, CancellationToken ct)
    {
        using var staging = new MemoryStream(_response);
        long total = 0;
        ValueTask<int> send = default;
        bool sending = false;
        foreach (Stream chunk in decompressedChunks)
        {
            staging.Position = 0;
            /*~ASYS1005*/await chunk.CopyToAsync(staging, ct);
            if (sending)
            {
                total += await send;
            }

            send = ring.SendAsync(socket, _response.AsMemory(0, (int)staging.Position), MessageFlags.None, ct);
            sending = true;
        }

        if (sending)
        {
            total += await send;
        }

        return total;
    }
}
