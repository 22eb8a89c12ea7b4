// An actor runtime's dispatcher sets a [ThreadStatic] "current envelope" before it runs a message handler; the journal actor's handler awaits its ring write and then reads the sender from that field again to reply, but the handler resumed on another pool thread whose field holds some other actor's envelope (or nothing).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.CurrentEnvelopeBad;

internal sealed record Envelope(object Message, Action<object>? Sender);

internal static class ActorCell
{
    /// <summary>The envelope the dispatcher is running on this thread.</summary>
    [ThreadStatic]
    internal static Envelope? t_current;

    internal static Task Dispatch(Envelope envelope, Func<object, Task> handler)
    {
        t_current = envelope;
        try
        {
            return handler(envelope.Message);
        }
        finally
        {
            t_current = null;
        }
    }
}

internal sealed record AppendEntry(long Sequence, byte[] Payload);

internal sealed class JournalActor(IoRing ring, int journalFd)
{
    private long _offset;

    public async Task ReceiveAsync(object message)
    {
        if (message is not AppendEntry entry)
        {
            return;
        }

        if (ActorCell.t_current is null)
        {
            throw new InvalidOperationException("journal actor run outside its dispatcher");
        }

        long at = _offset;
        _offset += entry.Payload.Length;
        await ring.WriteAsync(journalFd, entry.Payload, at).ConfigureAwait(false);
        /*~ASYS1002*/ActorCell.t_current?.Sender?.Invoke(new AppendAck(entry.Sequence, at));
    }
}

internal sealed record AppendAck(long Sequence, long Offset);
