// A Proto.Actor-style outbox drains its Channel mailbox: for each message it writes the length prefix and body into one frame array and awaits the send before it takes the next message, so the frame is only rewritten once the kernel is done with it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.MailboxFrameOk;

internal readonly record struct Outbound(int Socket, ReadOnlyMemory<byte> Body);

internal sealed class OutboxActor(IoRing ring, ChannelReader<Outbound> mailbox)
{
    public async Task RunAsync(CancellationToken ct)
    {
        byte[] frame = new byte[4 + 2048];
        await foreach (Outbound message in mailbox.ReadAllAsync(ct).ConfigureAwait(false))
        {
            BinaryPrimitives.WriteInt32BigEndian(frame, message.Body.Length);
            message.Body.Span.CopyTo(frame.AsSpan(4));
            await ring.SendAsync(message.Socket, frame.AsMemory(0, 4 + message.Body.Length), MessageFlags.None, ct).ConfigureAwait(false);
        }
    }
}
