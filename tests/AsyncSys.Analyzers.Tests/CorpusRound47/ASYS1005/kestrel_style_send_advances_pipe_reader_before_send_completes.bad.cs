// A transport's send loop reads the output PipeReader and sends the first segment of what it got; it calls AdvanceTo past that segment before awaiting the send, which gives the segment back to the pipe's pool while the kernel still reads it, and the writer's next GetMemory may be handed the same block.
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.SendPumpBad;

/// <summary>A transport's send loop: what the application wrote to the output pipe is sent from the pipe's own segments.</summary>
internal sealed class SendPump(IoRing ring, int socket, PipeReader output)
{
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                ReadResult result = await output.ReadAsync(ct).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                if (buffer.IsEmpty && result.IsCompleted)
                {
                    break;
                }

                ReadOnlyMemory<byte> first = buffer.First;
                ValueTask<int> send = ring.SendAsync(socket, first, MessageFlags.None, ct);
                /*~ASYS1005*/output.AdvanceTo(buffer.GetPosition(first.Length));
                int sent = await send.ConfigureAwait(false);
                if (sent < first.Length)
                {
                    throw new InvalidOperationException("short send on a blocking socket");
                }
            }
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }
}
