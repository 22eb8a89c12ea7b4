using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.LinkedToken;

internal static class TimedReads
{
    public static async Task<byte[]> ReadWithTimeoutAsync(IoRing ring, int fd, int length, TimeSpan timeout, CancellationToken cancellationToken)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            int n = await ring.ReadAsync(fd, rented.AsMemory(0, length), 0, timeoutSource.Token);
            return rented.AsSpan(0, n).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);   // the await has ended, cancelled or not: the read is over
        }
    }
}
