// A UDP server closes its socket from the shutdown token's callback so the pending receive ends, and drops the
// close's ValueTask inside the Action. A failed close (EBADF after a double shutdown, EIO) is lost, and the server
// reports a clean stop while the port stays bound until the process exits, so the restarted server cannot bind it.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.ShutdownCloseDropped;

public sealed class UdpServer(IoRing ring, int fd)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        using CancellationTokenRegistration onStop = stopping.Register(() => /*~ASYS1006*/ring.CloseAsync(fd));
        byte[] datagram = new byte[1500];
        while (!stopping.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(fd, datagram, MessageFlags.None, stopping);
            Handle(datagram, n);
        }
    }

    private static void Handle(byte[] datagram, int length)
    {
    }
}
