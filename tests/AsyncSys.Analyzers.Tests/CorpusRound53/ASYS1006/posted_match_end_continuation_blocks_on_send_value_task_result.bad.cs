// A match's end is Posted to the game loop's single-threaded SynchronizationContext; the synchronous continuation sends the final score and blocks on the send's ValueTask with .Result, which is not allowed on a ValueTask that has not completed.
using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.PostedResultBad;

/// <summary>The game loop's context: everything Posted runs in order on the one thread that pumps it.</summary>
internal sealed class GameLoopContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public void Pump()
    {
        SetSynchronizationContext(this);
        foreach ((SendOrPostCallback callback, object? state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }
}

internal sealed class MatchEnd(IoRing ring, GameLoopContext loop)
{
    public int LastSent { get; private set; }

    public void Finish(int socket, int scoreA, int scoreB)
    {
        loop.Post(_ =>
        {
            byte[] final = new byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(final, scoreA);
            BinaryPrimitives.WriteInt32LittleEndian(final.AsSpan(4), scoreB);
            ValueTask<int> send = ring.SendAsync(socket, final, MessageFlags.None, CancellationToken.None);
            int sent = /*~ASYS1006*/send.Result;
            LastSent = sent;
        }, null);
    }
}
