// A request client receives a reply into a rented array through `WaitAsync(timeout, ct)`; when the wait throws it cancels the receive through its own token source and awaits the receive's task itself (suppressing its outcome) before rethrowing, so the `finally` returns the array only after the ring let go of it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ReplyTimeoutFinallyOk;

internal sealed class ReplyClient(IoRing ring, int socket)
{
    public async Task<int> ReceiveReplyAsync(Memory<byte> destination, TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(destination.Length);
        using var abort = new CancellationTokenSource();
        try
        {
            Task<int> receive = ring.ReceiveAsync(socket, buffer.AsMemory(0, destination.Length), MessageFlags.None, abort.Token).AsTask();
            int n;
            try
            {
                n = await receive.WaitAsync(timeout, ct).ConfigureAwait(false);
            }
            catch (Exception)
            {
                abort.Cancel();
                await ((Task)receive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            buffer.AsMemory(0, n).CopyTo(destination);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
