// A Redis-style connection keeps itself alive with a PeriodicTimer loop that awaits each PING send: a failed send
// marks the connection broken, and the next ping starts only after the previous one ended.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Unobserved.KeepAlivePeriodicTimer;

public sealed class KeepAlive(IoRing ring, int fd)
{
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    public bool Broken { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await ring.SendAsync(fd, Ping, MessageFlags.NoSignal, ct);
            }
            catch (ErrnoException)
            {
                Broken = true;
                return;
            }
        }
    }
}
