// A transport's send loop starts one ring send per segment of what the output PipeReader returned, awaits them all and only then calls AdvanceTo(buffer.End), so the segments go back to the pipe after the kernel is done with them.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.SegmentSendsAdvanceOk;

internal sealed class SendLoop(IoRing ring, int socket, PipeReader output)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var sends = new List<Task<int>>();
        while (true)
        {
            ReadResult result = await output.ReadAsync(ct).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            sends.Clear();
            foreach (ReadOnlyMemory<byte> segment in buffer)
            {
                sends.Add(ring.SendAsync(socket, segment, MessageFlags.More, ct).AsTask());
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
            output.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await output.CompleteAsync().ConfigureAwait(false);
    }
}
