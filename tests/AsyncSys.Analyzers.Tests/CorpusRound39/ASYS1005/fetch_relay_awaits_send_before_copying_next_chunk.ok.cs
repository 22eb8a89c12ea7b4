// The same relay that awaits the previous send before it decompresses the next chunk into the response array.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.InFlight.FetchRelayAwaitsSend;

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
            if (sending)
            {
                total += await send;
                sending = false;
            }

            staging.Position = 0;
            await chunk.CopyToAsync(staging, ct);
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
