using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.RegisterObserved;

internal static class Receiver
{
    private static async Task CloseQuietlyAsync(IoRing ring, int fd)
    {
        try
        {
            await ring.CloseAsync(fd);
        }
        catch (ErrnoException e)
        {
            Console.Error.WriteLine($"close({fd}) on cancel: {e.ErrnoName}");
        }
    }

    public static async Task<int> ReceiveUntilCancelledAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration registration = cancellationToken.Register(() => _ = CloseQuietlyAsync(ring, fd));
        return await ring.ReceiveAsync(fd, buffer);
    }
}
