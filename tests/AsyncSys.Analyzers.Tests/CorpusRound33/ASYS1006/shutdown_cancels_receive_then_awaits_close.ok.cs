// The UDP server's shutdown made right: the stopping token cancels the pending receive, and the socket is closed after
// the loop has left, with the close awaited so its error reaches the host.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.ShutdownCloseAwaited;

public sealed class UdpServer(IoRing ring, int fd)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        byte[] datagram = new byte[1500];
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                int n = await ring.ReceiveAsync(fd, datagram, MessageFlags.None, stopping);
                Handle(datagram, n);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await ring.CloseAsync(fd);
        }
    }

    private static void Handle(byte[] datagram, int length)
    {
    }
}
