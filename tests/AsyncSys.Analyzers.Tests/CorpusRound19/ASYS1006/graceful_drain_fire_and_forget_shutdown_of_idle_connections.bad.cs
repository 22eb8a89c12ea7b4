// On SIGTERM a server half-closes every idle keep-alive connection (shutdown SHUT_WR) so clients stop reusing them,
// then closes the listener and reports "drained". The shutdowns are started and dropped: a failure is never seen, and
// the server may close the descriptors (and exit) while the shutdowns are still queued on the ring.
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.ValueTasks.DrainDropsShutdowns;

public sealed class Drainer(IoRing ring, List<int> idleConnections)
{
    public async Task DrainIdleAsync(int listenFd)
    {
        foreach (int fd in idleConnections)
        {
            /*~ASYS1006*/_ = ring.ShutdownAsync(fd, SocketShutdown.Send);
        }

        await ring.CloseAsync(listenFd);
    }
}
