// A connection's heartbeat loop sends a ping every interval and awaits the send before waiting for the next beat.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Heartbeat;

public sealed class Heartbeat
{
    private static readonly byte[] Ping = { 8, 0, 0, 0, 0, 0, 0, 0xCE };

    private readonly IoRing _ring;
    private readonly int _socket;

    public Heartbeat(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _ring.SendAsync(_socket, Ping, MessageFlags.NoSignal, ct);
                await _ring.DelayAsync(interval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }
    }
}
