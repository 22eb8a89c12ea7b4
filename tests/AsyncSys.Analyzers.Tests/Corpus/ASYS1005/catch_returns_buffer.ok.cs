// The callback runs before the submit, so the catch only follows a finished receive.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class Session(IoRing ring, int socket)
{
    public async Task<byte[]> ReceiveFrameAsync(Action onSubmitting, CancellationToken cancellationToken)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(1500);
        try
        {
            onSubmitting();
            await ring.ReceiveAsync(socket, frame, 0, cancellationToken);
            return frame;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(frame);
            throw;
        }
    }
}
