// A transport's receive loop hands the input PipeWriter's GetMemory to a ring receive and races it with the shutdown signal; when shutdown wins it completes the writer at once and returns, while the receive still writes into the pipe's segment, which Complete gives back to the pipe's pool.
using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.ReceiveCompleteOnShutdownBad;

internal sealed class ReceiveLoop(IoRing ring, int socket, PipeWriter input, Task shutdown)
{
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            Memory<byte> memory = input.GetMemory(4096);
            Task<int> receive = ring.ReceiveAsync(socket, memory, MessageFlags.None, ct).AsTask();
            Task first = await Task.WhenAny(receive, shutdown).ConfigureAwait(false);
            if (first == shutdown)
            {
                /*~ASYS1005*/input.Complete();
                return;
            }

            int n = await receive.ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            input.Advance(n);
            FlushResult flushed = await input.FlushAsync(ct).ConfigureAwait(false);
            if (flushed.IsCompleted)
            {
                break;
            }
        }

        await input.CompleteAsync().ConfigureAwait(false);
    }
}
