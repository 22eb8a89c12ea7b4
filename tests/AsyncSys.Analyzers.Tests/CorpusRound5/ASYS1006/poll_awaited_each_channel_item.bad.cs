using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.PollPerItem;

internal sealed class SocketPump(IoRing ring, int socket, ChannelReader<ReadOnlyMemory<byte>> outgoing)
{
    public async Task PumpAsync(CancellationToken cancellationToken)
    {
        ValueTask<PollEvents> writable = ring.PollAsync(socket, PollEvents.Out, cancellationToken);
        await foreach (ReadOnlyMemory<byte> message in outgoing.ReadAllAsync(cancellationToken))
        {
            PollEvents events = await /*~ASYS1006*/writable;   // the same poll, awaited again for every message
            if ((events & PollEvents.Error) != 0)
            {
                throw new InvalidOperationException("socket error");
            }

            await ring.SendAsync(socket, message, MessageFlags.NoSignal, cancellationToken);
        }
    }
}
