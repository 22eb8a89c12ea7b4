// On early cancellation the buffer is returned to the pool while the submitted receive is still pending.
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
        ValueTask<int> receive = ring.ReceiveAsync(socket, buffer, 0, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            throw new OperationCanceledException(cancellationToken);
        }

        int n = await receive;
        ArrayPool<byte>.Shared.Return(buffer);
        return n;
    }
}
