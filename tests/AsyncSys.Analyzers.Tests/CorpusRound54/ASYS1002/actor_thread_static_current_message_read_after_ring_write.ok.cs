// An actor runtime's dispatcher sets a [ThreadStatic] "current envelope" before it runs a message handler; the journal actor's handler takes the sender out of that field before its ring write and replies to the sender it kept, after the await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.CurrentEnvelopeOk;

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

        Action<object>? sender = (ActorCell.t_current ?? throw new InvalidOperationException("journal actor run outside its dispatcher")).Sender;
        long at = _offset;
        _offset += entry.Payload.Length;
        await ring.WriteAsync(journalFd, entry.Payload, at).ConfigureAwait(false);
        sender?.Invoke(new AppendAck(entry.Sequence, at));
    }
}

internal sealed record AppendAck(long Sequence, long Offset);
