// The broadcaster checks the mute flag before starting the send, so the continue inside the try leaves no send behind, and every started send is awaited once.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.BroadcastContinueSkipsAwaitOk;

internal sealed class Subscriber(int socketFd)
{
    public int SocketFd { get; } = socketFd;

    public volatile bool Muted;
}

internal sealed class Broadcaster(IoRing ring, TextWriter log)
{
    public async Task<int> BroadcastAsync(IReadOnlyList<Subscriber> subscribers, ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        int delivered = 0;
        foreach (Subscriber subscriber in subscribers)
        {
            try
            {
                if (subscriber.Muted)
                {
                    continue;
                }

                ValueTask<int> send = ring.SendAsync(subscriber.SocketFd, frame, MessageFlags.None, ct);
                if (await send.ConfigureAwait(false) == frame.Length)
                {
                    delivered++;
                }
            }
            catch (IOException e) when (e.Message.Length > 0)
            {
                log.WriteLine("send to " + subscriber.SocketFd + " failed: " + e.Message);
            }
        }

        return delivered;
    }
}
