// The EINTR retry loop starts a new receive on each attempt.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Retry
{
    public static async Task<int> ReceiveAsync(IoRing ring, int socket, byte[] buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await ring.ReceiveAsync(socket, buffer, MessageFlags.None, cancellationToken);
            }
            catch (ErrnoException e) when (e.Errno == Errno.EINTR)
            {
            }
        }
    }
}
