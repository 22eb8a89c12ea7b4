// The catch returns the pooled buffer although the read submitted in the try may still run.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class Session(IoRing ring, int socket)
{
    public async Task<byte[]> ReceiveFrameAsync(Action onSubmitted, CancellationToken cancellationToken)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(1500);
        try
        {
            ValueTask<int> receive = ring.ReceiveAsync(socket, frame, 0, cancellationToken);
            onSubmitted();
            await receive;
            return frame;
        }
        catch
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
            throw;
        }
    }
}
