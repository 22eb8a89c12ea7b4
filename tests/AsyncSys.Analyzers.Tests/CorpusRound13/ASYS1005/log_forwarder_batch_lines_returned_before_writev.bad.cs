// A log forwarder writes each batch of lines to its journald stream socket with one vectored ring write. Every line
// sits in an array rented from ArrayPool; the segment list is filled in a loop, the writev is started, and the lines
// are returned to the pool in a second loop before the write is awaited ("the kernel has the iovecs now"). It has only
// the addresses: the ring reads the bytes when the write runs. Arrays rented by the next batch's reader are refilled
// while the kernel copies them, and the journal gets the next batch's lines (or halves of them) in this batch's place.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.BuffersInFlight.ForwarderLinesReturnedEarly;

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

        ValueTask write = ring.WriteAsync(streamFd, segments, cancellationToken);
        foreach (PendingLine line in batch)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(line.Buffer);
        }

        batch.Clear();
        await write;
    }
}
