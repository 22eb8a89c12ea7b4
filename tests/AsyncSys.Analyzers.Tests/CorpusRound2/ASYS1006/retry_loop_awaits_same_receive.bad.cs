// An EINTR retry loop awaits the same receive again instead of issuing a new one.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Retry
{
    public static async Task<int> ReceiveAsync(IoRing ring, int socket, byte[] buffer, CancellationToken cancellationToken)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socket, buffer, MessageFlags.None, cancellationToken);
        while (true)
        {
            try
            {
                return /*~ASYS1006*/await receive;
            }
            catch (ErrnoException e) when (e.Errno == Errno.EINTR)
            {
            }
        }
    }
}
