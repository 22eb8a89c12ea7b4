// A hosted heartbeat fans a PING out to every peer on each PeriodicTimer tick with Parallel.ForEachAsync; the body is an async lambda that awaits each send.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.HeartbeatFanoutOk;

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
            await Parallel.ForEachAsync(peers, stoppingToken, async (peer, token) =>
            {
                await ring.SendAsync(peer.Socket, s_ping, MessageFlags.None, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
    }
}
