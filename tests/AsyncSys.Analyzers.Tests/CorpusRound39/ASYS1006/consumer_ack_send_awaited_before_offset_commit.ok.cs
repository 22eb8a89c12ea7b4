// The same acknowledgement, awaited before the offset is recorded: a failed ack throws and the offset stays where it was.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Unobserved.ConsumerAckAwaited;

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
        await ring.SendAsync(socket, ackFrame, MessageFlags.NoSignal, ct);
        await log.RecordAsync(offset, ct);
    }
}
