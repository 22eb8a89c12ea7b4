// A cancellation callback closes the socket through the ring and drops the ValueTask.
using System.Threading;
using AsyncSys;

namespace Round2;

internal sealed class Connection(IoRing ring, int socket)
{
    public CancellationTokenRegistration CloseWhenCancelled(CancellationToken cancellationToken) =>
        cancellationToken.Register(() => /*~ASYS1006*/ring.CloseAsync(socket));
}
