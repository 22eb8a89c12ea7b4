// Cancellation is checked before the receive is submitted.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Receiver
{
    public static async Task<int> ReceiveAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(2048);
        if (cancellationToken.IsCancellationRequested)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new OperationCanceledException(cancellationToken);
        }

        int n = await ring.ReceiveAsync(socket, buffer, 0, cancellationToken);
        ArrayPool<byte>.Shared.Return(buffer);
        return n;
    }
}
