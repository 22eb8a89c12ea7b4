// A transport's send loop reads the output PipeReader, sends the first segment of what it got, awaits the send and only then calls AdvanceTo past the bytes the kernel took.
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.SendPumpOk;

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
                int sent = await ring.SendAsync(socket, first, MessageFlags.None, ct).ConfigureAwait(false);
                output.AdvanceTo(buffer.GetPosition(sent), buffer.End);
            }
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }
}
