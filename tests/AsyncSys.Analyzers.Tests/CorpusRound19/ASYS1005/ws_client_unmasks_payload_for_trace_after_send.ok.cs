// The same WebSocket forwarder that restores the plaintext for its trace only after the send has completed.
using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.WebSocketTraceAfterSend;

public sealed class UpstreamForwarder(IoRing ring, int upstreamFd, TextWriter trace, bool tracing)
{
    public async ValueTask ForwardAsync(byte[] frame, int headerLength, int payloadLength, uint maskKey, CancellationToken ct)
    {
        Mask(frame.AsSpan(headerLength, payloadLength), maskKey);
        ValueTask<int> send = ring.SendAsync(upstreamFd, frame.AsMemory(0, headerLength + payloadLength), MessageFlags.None, ct);
        await send;
        if (tracing)
        {
            Mask(frame.AsSpan(headerLength, payloadLength), maskKey);
            trace.WriteLine(Encoding.UTF8.GetString(frame, headerLength, payloadLength));
        }
    }

    private static void Mask(Span<byte> payload, uint key)
    {
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] ^= (byte)(key >> (8 * (3 - (i & 3))));
        }
    }
}
