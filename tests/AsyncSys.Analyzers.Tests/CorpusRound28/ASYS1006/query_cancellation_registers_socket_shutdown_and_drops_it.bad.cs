// Per-query cancellation in a wire-protocol client: when the caller's token fires, the registered callback shuts the
// socket down so the blocked receive returns. The lambda is an Action, so the shutdown's ValueTask is dropped: its
// failure is never seen and nothing waits for it before the connection is reused or closed.
using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.CancelRegistersShutdown;

public sealed class WireConnection(IoRing ring, int fd)
{
    public async Task<int> ReceiveReplyAsync(Memory<byte> reply, CancellationToken ct)
    {
        using CancellationTokenRegistration registration = ct.Register(() => /*~ASYS1006*/ring.ShutdownAsync(fd, SocketShutdown.Both));
        int n = await ring.ReceiveAsync(fd, reply, MessageFlags.None);
        ct.ThrowIfCancellationRequested();
        return n;
    }
}
