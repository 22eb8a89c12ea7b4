// The snapshot broadcast, written right: each peer's send is given that peer's own sockaddr array, which nothing
// rewrites while the sends run; the snapshot itself is only read by every send.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.BufferInFlight.BroadcastOwnSockaddr;

internal static unsafe partial class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    [AsyncSyscall]
    internal static extern nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}

public sealed record Peer(int Id, byte[] SockAddr);

public sealed class SnapshotBroadcaster(int socketFd)
{
    public async Task BroadcastAsync(ReadOnlyMemory<byte> snapshot, IReadOnlyList<Peer> peers, CancellationToken ct)
    {
        var sends = new List<Task>(peers.Count);
        foreach (Peer peer in peers)
        {
            sends.Add(Native.SendToAsync(socketFd, snapshot, 0, peer.SockAddr, ct).AsTask());
        }

        await Task.WhenAll(sends);
    }
}
