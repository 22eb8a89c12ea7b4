using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.PerThread.Http1IoThreadOk;

internal enum Affinity { Any, PinnedToIoLoop }

/// <summary>
/// An HTTP/1.1 echo-style connection handler. Connections the acceptor gave to an I/O loop are counted per loop
/// (the index the acceptor chose), so it can send new connections to the least loaded one.
/// </summary>
internal sealed class Http1Connection(IoRing ring, int fd, Affinity affinity, int loopIndex)
{
    private static readonly ConcurrentDictionary<int, int> s_connectionsPerIoLoop = new();

    public async Task ServeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int home = affinity switch
        {
            Affinity.PinnedToIoLoop => loopIndex,
            _ => -1,
        };
        if (home >= 0)
        {
            s_connectionsPerIoLoop.AddOrUpdate(home, 1, (_, count) => count + 1);
        }

        try
        {
            while (true)
            {
                int n = await ring.ReceiveAsync(fd, buffer, MessageFlags.None, cancellationToken);
                if (n == 0)
                {
                    break;
                }

                await ring.SendAsync(fd, buffer[..n], MessageFlags.None, cancellationToken);
            }
        }
        finally
        {
            if (home >= 0) s_connectionsPerIoLoop.AddOrUpdate(home, 0, (_, count) => count - 1);
        }
    }
}
