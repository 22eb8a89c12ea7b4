// The same drain keeping each shutdown's task (converted once with AsTask) and awaiting them all before closing the
// listener.
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.ValueTasks.DrainAwaitsShutdowns;

public sealed class Drainer(IoRing ring, List<int> idleConnections)
{
    public async Task DrainIdleAsync(int listenFd)
    {
        var shutdowns = new List<Task>(idleConnections.Count);
        foreach (int fd in idleConnections)
        {
            shutdowns.Add(ring.ShutdownAsync(fd, SocketShutdown.Send).AsTask());
        }

        await Task.WhenAll(shutdowns);
        await ring.CloseAsync(listenFd);
    }
}
