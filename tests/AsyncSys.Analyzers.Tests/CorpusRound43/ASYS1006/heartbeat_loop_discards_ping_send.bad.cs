// A connection's heartbeat loop sends a ping every interval and discards the send, so a failed send is never seen and sends may pile up on a stalled socket.
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
                /*~ASYS1006*/_ = _ring.SendAsync(_socket, Ping, MessageFlags.NoSignal, ct);
                await _ring.DelayAsync(interval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }
    }
}
