// The watchdog feeder made right: a PeriodicTimer loop awaits each keepalive write, so a failure ends the loop and is
// reported by whoever awaits RunAsync.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.WatchdogPeriodicLoop;

public sealed class WatchdogFeeder(IoRing ring, int watchdogFd)
{
    private static readonly byte[] s_keepAlive = [(byte)'k'];

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            await ring.WriteAsync(watchdogFd, s_keepAlive, -1, ct);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
