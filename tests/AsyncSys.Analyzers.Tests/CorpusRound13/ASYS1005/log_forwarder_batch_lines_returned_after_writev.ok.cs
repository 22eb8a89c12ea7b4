// The log forwarder of the .bad twin, with the lines returned to the pool in a `finally` after the vectored write is
// awaited: the ring has read every segment (or the write failed or was cancelled and its completion arrived) before
// any array goes back.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.BuffersInFlight.ForwarderLinesReturnedAfter;

public readonly record struct PendingLine(byte[] Buffer, int Length);

public sealed class BatchForwarder(IoRing ring, int streamFd)
{
    public async ValueTask ForwardAsync(List<PendingLine> batch, CancellationToken cancellationToken)
    {
        var segments = new List<ReadOnlyMemory<byte>>(batch.Count);
        foreach (PendingLine line in batch)
        {
            segments.Add(line.Buffer.AsMemory(0, line.Length));
        }

        try
        {
            await ring.WriteAsync(streamFd, segments, cancellationToken);
        }
        finally
        {
            foreach (PendingLine line in batch)
            {
                ArrayPool<byte>.Shared.Return(line.Buffer);
            }

            batch.Clear();
        }
    }
}
