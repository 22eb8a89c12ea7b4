// A NATS-style publish loop encodes each message from its channel into a rented frame and sends it through the transport's SendFrameAsync, which forwards to SendAsync, which forwards to the ring's send (two levels); the frame goes back to the ArrayPool before the send is awaited.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.PublishTransportBad;

/// <summary>
/// A NATS-style connection's transport, layered the way Kestrel's SocketSender is: the frame API forwards to a memory
/// API, which forwards to the ring's send.
/// </summary>
internal sealed class Transport(IoRing ring, int socket)
{
    public ValueTask<int> SendFrameAsync(byte[] frame, int length, CancellationToken ct) =>
        SendAsync(frame.AsMemory(0, length), ct);

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) =>
        ring.SendAsync(socket, buffer, MessageFlags.None, ct);
}

internal sealed record Publish(string Subject, byte[] Payload);

internal sealed class PublishLoop(Transport transport, ChannelReader<Publish> outbound)
{
    private static int Encode(Publish message, byte[] frame)
    {
        int n = Encoding.ASCII.GetBytes("PUB " + message.Subject + " " + message.Payload.Length + "\r\n", frame);
        message.Payload.CopyTo(frame, n);
        n += message.Payload.Length;
        frame[n++] = (byte)'\r';
        frame[n++] = (byte)'\n';
        return n;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (Publish message in outbound.ReadAllAsync(ct).ConfigureAwait(false))
        {
            byte[] frame = ArrayPool<byte>.Shared.Rent(message.Subject.Length + message.Payload.Length + 32);
            int length = Encode(message, frame);
            ValueTask<int> send = transport.SendFrameAsync(frame, length, ct);
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
            await send.ConfigureAwait(false);
        }
    }
}
