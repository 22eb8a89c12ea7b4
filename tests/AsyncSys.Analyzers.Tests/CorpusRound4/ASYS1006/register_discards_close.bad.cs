using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.RegisterClose;

internal static class Receiver
{
    public static async Task<int> ReceiveUntilCancelledAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // Closing the socket is how this code unblocks the receive; the close's own failure goes nowhere.
        using CancellationTokenRegistration registration = cancellationToken.Register(() => _ = /*~ASYS1006*/ring.CloseAsync(fd));
        return await ring.ReceiveAsync(fd, buffer);
    }
}
