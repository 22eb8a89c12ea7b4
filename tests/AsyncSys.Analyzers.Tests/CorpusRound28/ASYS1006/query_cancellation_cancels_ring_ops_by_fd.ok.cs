// Per-query cancellation done with the ring's own cancellation: the registered callback asks the ring to cancel every
// operation on the connection's descriptor. CancelByFd returns a count (no task to observe), and the receive itself is
// given the caller's token and awaited.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.CancelByFd;

public sealed class WireConnection(IoRing ring, int fd)
{
    private int _cancelled;

    public int Cancelled => Volatile.Read(ref _cancelled);

    public async Task<int> ReceiveReplyAsync(Memory<byte> reply, CancellationToken ct)
    {
        using CancellationTokenRegistration registration = ct.Register(() => Interlocked.Add(ref _cancelled, ring.CancelByFd(fd)));
        return await ring.ReceiveAsync(fd, reply, MessageFlags.None, ct);
    }
}
