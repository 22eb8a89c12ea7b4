// A Proto.Actor-style outbox drains its Channel mailbox: for each message it writes the length prefix and body into one frame array, starts the send, keeps its task, and goes on to the next message, awaiting the sends only every 32 messages; the next message rewrites the frame while the earlier sends still read it.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.MailboxFrameBad;

internal readonly record struct Outbound(int Socket, ReadOnlyMemory<byte> Body);

internal sealed class OutboxActor(IoRing ring, ChannelReader<Outbound> mailbox)
{
    public async Task RunAsync(CancellationToken ct)
    {
        byte[] frame = new byte[4 + 2048];
        var sends = new List<Task<int>>(32);
        await foreach (Outbound message in mailbox.ReadAllAsync(ct).ConfigureAwait(false))
        {
            /*~ASYS1005*/BinaryPrimitives.WriteInt32BigEndian(frame, message.Body.Length);
            /*~ASYS1005*/message.Body.Span.CopyTo(frame.AsSpan(4));
            sends.Add(ring.SendAsync(message.Socket, frame.AsMemory(0, 4 + message.Body.Length), MessageFlags.None, ct).AsTask());
            if (sends.Count == 32)
            {
                await Task.WhenAll(sends).ConfigureAwait(false);
                sends.Clear();
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }
}
