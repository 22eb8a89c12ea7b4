// A WebSocket proxy forwards frames upstream as a client, so it masks each payload in place (RFC 6455 XOR with the
// 4-byte key) and sends header + payload. With tracing on, it XORs the payload again right after starting the send to
// get the plaintext back for the trace: the send is still reading the buffer, so the upstream server receives some or
// all of the payload unmasked, decodes garbage and closes the connection with 1002.
using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.WebSocketTraceUnmask;

public sealed class UpstreamForwarder(IoRing ring, int upstreamFd, TextWriter trace, bool tracing)
{
    public async ValueTask ForwardAsync(byte[] frame, int headerLength, int payloadLength, uint maskKey, CancellationToken ct)
    {
        Mask(frame.AsSpan(headerLength, payloadLength), maskKey);
        ValueTask<int> send = ring.SendAsync(upstreamFd, frame.AsMemory(0, headerLength + payloadLength), MessageFlags.None, ct);
        if (tracing)
        {
            /*~ASYS1005*/Mask(frame.AsSpan(headerLength, payloadLength), maskKey);
            trace.WriteLine(Encoding.UTF8.GetString(frame, headerLength, payloadLength));
        }

        await send;
    }

    private static void Mask(Span<byte> payload, uint key)
    {
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] ^= (byte)(key >> (8 * (3 - (i & 3))));
        }
    }
}
