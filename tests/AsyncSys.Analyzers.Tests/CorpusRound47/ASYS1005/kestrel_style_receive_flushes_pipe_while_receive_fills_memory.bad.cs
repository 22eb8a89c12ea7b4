// A transport's receive loop hands the memory of the input PipeWriter's GetMemory to the ring's receive and, to overlap work, flushes the pipe while the receive is still filling that memory; the bytes are only advanced after the receive completes, but the flush has already handed the writer's buffer state to the reader (GetMemory's memory is not valid across a flush).
using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.ReceivePumpBad;

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
                ValueTask<int> receive = ring.ReceiveAsync(socket, memory, MessageFlags.None, ct);
                /*~ASYS1005*/FlushResult flushed = await input.FlushAsync(ct).ConfigureAwait(false);
                int n = await receive.ConfigureAwait(false);
                if (n == 0 || flushed.IsCompleted)
                {
                    break;
                }

                input.Advance(n);
            }
        }
        finally
        {
            /*~ASYS1005*/await input.CompleteAsync().ConfigureAwait(false);
        }
    }
}
