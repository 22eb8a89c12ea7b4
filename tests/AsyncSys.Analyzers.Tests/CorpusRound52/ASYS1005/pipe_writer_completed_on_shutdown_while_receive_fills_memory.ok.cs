// A transport's receive loop hands the input PipeWriter's GetMemory to a ring receive and races it with the shutdown signal; when shutdown wins it cancels the receive and waits for it to end before completing the writer, so the pipe's segment is given back only after the kernel stopped writing it.
using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.ReceiveCompleteOnShutdownOk;

internal sealed class ReceiveLoop(IoRing ring, int socket, PipeWriter input, Task shutdown)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (true)
        {
            Memory<byte> memory = input.GetMemory(4096);
            Task<int> receive = ring.ReceiveAsync(socket, memory, MessageFlags.None, stop.Token).AsTask();
            Task first = await Task.WhenAny(receive, shutdown).ConfigureAwait(false);
            if (first == shutdown)
            {
                stop.Cancel();
                try
                {
                    await receive.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                input.Complete();
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
