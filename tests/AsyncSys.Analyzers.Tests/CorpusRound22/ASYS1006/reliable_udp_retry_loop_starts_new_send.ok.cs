// The reliable-UDP sender, made right: each attempt starts a new send and awaits that one once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.RetryStartsNewSend;

public interface IAckWaiter
{
    Task<bool> WaitAsync(ushort sequence, TimeSpan timeout, CancellationToken ct);
}

public sealed class ReliableSender(IoRing ring, IAckWaiter acks, int socketFd)
{
    public async Task<bool> SendAsync(ushort sequence, ReadOnlyMemory<byte> datagram, CancellationToken ct)
    {
        ValueTask<int> send = default;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            send = ring.SendAsync(socketFd, datagram, MessageFlags.None, ct);
            await send;
            if (await acks.WaitAsync(sequence, TimeSpan.FromMilliseconds(100 << attempt), ct))
            {
                return true;
            }
        }

        return false;
    }
}
