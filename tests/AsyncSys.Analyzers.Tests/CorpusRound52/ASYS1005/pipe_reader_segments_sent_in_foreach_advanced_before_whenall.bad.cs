// A transport's send loop starts one ring send per segment of what the output PipeReader returned, then calls AdvanceTo(buffer.End) before awaiting the sends, giving every segment back to the pipe while the kernel still reads them.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.SegmentSendsAdvanceBad;

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

            /*~ASYS1005*/output.AdvanceTo(buffer.End);
            await Task.WhenAll(sends).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await output.CompleteAsync().ConfigureAwait(false);
    }
}
