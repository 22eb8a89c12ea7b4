// The ack path made right: the ack's send is awaited before the payload goes to game logic, so a failed ack ends the
// session's loop with the send's error instead of vanishing.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.AckAwaited;

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
            await ring.SendAsync(fd, ack, MessageFlags.None, ct);
            await toGameLogic.WriteAsync(rx.AsSpan(2, n - 2).ToArray(), ct);
        }
    }
}
