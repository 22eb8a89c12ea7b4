// A UDP input receiver running on pool threads keeps the client tick of the datagram it just parsed in a [ThreadStatic] field, copies it into a local and Posts a continuation to the game loop's single-threaded SynchronizationContext that uses the local.
using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Corpus53.InputTickPostOk;

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

internal sealed class World
{
    private readonly Dictionary<int, (long Tick, byte[] Input)> _latest = new();

    public void ApplyInput(int playerId, long clientTick, byte[] input)
    {
        if (!_latest.TryGetValue(playerId, out var last) || last.Tick < clientTick)
        {
            _latest[playerId] = (clientTick, input);
        }
    }
}

internal sealed class InputReceiver(GameLoopContext loop, World world)
{
    [ThreadStatic]
    private static long t_clientTick;

    public void OnDatagram(int playerId, byte[] datagram, int length)
    {
        if (length < 8)
        {
            return;
        }

        t_clientTick = BinaryPrimitives.ReadInt64LittleEndian(datagram);
        long clientTick = t_clientTick;
        byte[] input = datagram[8..length];
        loop.Post(_ => world.ApplyInput(playerId, clientTick, input), null);
    }
}
