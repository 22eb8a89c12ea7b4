// The receive loop of a reliable-UDP endpoint acks every sequenced datagram by starting a send of a small ack packet
// and dropping its task, then forwards the payload to game logic. A failed ack (ECONNREFUSED after the client left,
// ENOBUFS under load) is never seen, so the server keeps the dead client's session, and its retransmissions, forever.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.AckDiscarded;

public sealed class ReliableEndpoint(IoRing ring, int fd, ChannelWriter<byte[]> toGameLogic)
{
    public async Task RunAsync(CancellationToken ct)
    {
        byte[] rx = new byte[1500];
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(fd, rx, MessageFlags.None, ct);
            if (n < 2)
            {
                continue;
            }

            byte[] ack = new byte[3];
            ack[0] = 0xA0;
            BinaryPrimitives.WriteUInt16LittleEndian(ack.AsSpan(1), BinaryPrimitives.ReadUInt16LittleEndian(rx));
            /*~ASYS1006*/ring.SendAsync(fd, ack, MessageFlags.None, ct);
            await toGameLogic.WriteAsync(rx.AsSpan(2, n - 2).ToArray(), ct);
        }
    }
}
