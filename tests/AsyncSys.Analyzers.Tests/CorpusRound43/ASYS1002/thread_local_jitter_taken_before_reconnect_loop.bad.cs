// A client's reconnect loop takes this thread's ThreadLocal<Random> for backoff jitter before the loop and draws from it after failed connects, on other threads, racing their own use of it.
using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Client;

public sealed class Reconnector
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    private readonly IoRing _ring;

    public Reconnector(IoRing ring) => _ring = ring;

    public async Task<int> ConnectAsync(int socket, ReadOnlyMemory<byte> address, CancellationToken ct)
    {
        Random jitter = s_jitter.Value!;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await _ring.ConnectAsync(socket, address, ct);
                return attempt;
            }
            catch (ErrnoException e) when (e.Errno == 111 && attempt < 8)
            {
            }

            int delayMs = (100 << Math.Min(attempt, 5)) + /*~ASYS1002*/jitter.Next(0, 100);
            await Task.Delay(delayMs, ct);
        }
    }
}
