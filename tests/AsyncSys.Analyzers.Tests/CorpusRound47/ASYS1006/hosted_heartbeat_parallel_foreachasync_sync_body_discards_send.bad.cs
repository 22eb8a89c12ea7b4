// A hosted heartbeat fans a PING out to every peer on each PeriodicTimer tick with Parallel.ForEachAsync; the body is a synchronous lambda that discards the send's ValueTask to fit the ValueTask-returning body, so a failed send is never seen and the pooled operation is never consumed.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.HeartbeatFanoutBad;

internal sealed record Peer(int Socket, string Name);

/// <summary>The shape of Microsoft.Extensions.Hosting's BackgroundService, which the corpus compiles without.</summary>
internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
}

internal sealed class HeartbeatService(IoRing ring, IReadOnlyList<Peer> peers) : BackgroundService
{
    private static readonly byte[] s_ping = "PING\r\n"u8.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await Parallel.ForEachAsync(peers, stoppingToken, (peer, token) =>
            {
                _ = /*~ASYS1006*/ring.SendAsync(peer.Socket, s_ping, MessageFlags.None, token);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        }
    }
}
