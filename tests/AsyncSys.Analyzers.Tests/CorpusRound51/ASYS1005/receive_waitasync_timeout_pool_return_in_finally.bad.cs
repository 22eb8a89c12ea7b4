// A request client receives a reply into a rented array through `AsTask().WaitAsync(timeout, ct)`; when the timeout (or the caller's token) fires first, WaitAsync throws while the receive keeps running on the ring, and the `finally` hands the array back to the pool the kernel may still be writing.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ReplyTimeoutFinallyBad;

internal sealed class ReplyClient(IoRing ring, int socket)
{
    public async Task<int> ReceiveReplyAsync(Memory<byte> destination, TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(destination.Length);
        try
        {
            int n = await ring.ReceiveAsync(socket, buffer.AsMemory(0, destination.Length), MessageFlags.None, ct)
                .AsTask()
                .WaitAsync(timeout, ct)
                .ConfigureAwait(false);
            buffer.AsMemory(0, n).CopyTo(destination);
            return n;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
