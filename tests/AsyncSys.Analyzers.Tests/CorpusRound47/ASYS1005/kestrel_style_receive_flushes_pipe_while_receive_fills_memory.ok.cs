// A transport's receive loop hands the memory of the input PipeWriter's GetMemory to the ring's receive, awaits it, advances by what arrived and only then flushes the pipe.
using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.ReceivePumpOk;

/// <summary>A transport's receive loop in Kestrel's shape: the socket's bytes go straight into the memory the input pipe's writer hands out.</summary>
internal sealed class ReceivePump(IoRing ring, int socket, PipeWriter input)
{
    private const int MinimumSegment = 4096;

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                Memory<byte> memory = input.GetMemory(MinimumSegment);
                int n = await ring.ReceiveAsync(socket, memory, MessageFlags.None, ct).ConfigureAwait(false);
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
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }
}
