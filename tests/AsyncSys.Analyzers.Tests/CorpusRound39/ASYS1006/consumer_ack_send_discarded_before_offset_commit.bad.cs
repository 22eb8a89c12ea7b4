// A consumer sends its acknowledgement to the broker and records the offset locally. The ack's send is discarded: when
// the broker connection has gone (EPIPE, ECONNRESET) nobody sees the failure, the local offset moves on anyway, and the
// broker redelivers the batch to another member, so the messages are processed twice.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Unobserved.ConsumerAckDiscarded;

public sealed class ConsumerOffsetLog(IoRing ring, int fd)
{
    public async Task RecordAsync(long offset, CancellationToken ct)
    {
        byte[] record = BitConverter.GetBytes(offset);
        await ring.WriteAsync(fd, record, 0, ct);
        await ring.FdatasyncAsync(fd, ct);
    }
}

public sealed class AckSender(IoRing ring, int socket, ConsumerOffsetLog log)
{
    public async Task AcknowledgeAsync(ReadOnlyMemory<byte> ackFrame, long offset, CancellationToken ct)
    {
        /*~ASYS1006*/_ = ring.SendAsync(socket, ackFrame, MessageFlags.NoSignal, ct);
        await log.RecordAsync(offset, ct);
    }
}
