// A reliable-UDP sender starts the datagram's send once and then loops waiting for the ack, "resending" on timeout by
// awaiting the send task again. The second await consumes a ValueTask whose source AsyncSys has already recycled
// (InvalidOperationException, or another operation's result); and nothing was resent anyway.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.RetryAwaitsSameSend;

public interface IAckWaiter
{
    Task<bool> WaitAsync(ushort sequence, TimeSpan timeout, CancellationToken ct);
}

public sealed class ReliableSender(IoRing ring, IAckWaiter acks, int socketFd)
{
    public async Task<bool> SendAsync(ushort sequence, ReadOnlyMemory<byte> datagram, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, datagram, MessageFlags.None, ct);
        for (int attempt = 0; attempt < 4; attempt++)
        {
            /*~ASYS1006*/await send;
            if (await acks.WaitAsync(sequence, TimeSpan.FromMilliseconds(100 << attempt), ct))
            {
                return true;
            }
        }

        return false;
    }
}
