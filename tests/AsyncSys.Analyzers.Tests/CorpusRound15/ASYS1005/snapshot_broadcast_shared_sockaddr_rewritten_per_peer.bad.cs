// A game server broadcasts the tick's world snapshot to every player with the generated sendto variant (a worker call),
// starting all sends and awaiting them together. The destination sockaddr is one scratch array of the server, rewritten
// for each peer while the previous peers' sends are still queued for their workers: a worker that runs late reads the
// next peer's address, so some players get the snapshot twice and others never (rubber-banding for them).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.BufferInFlight.BroadcastSharedSockaddr;

internal static unsafe partial class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    [AsyncSyscall]
    internal static extern nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}

public sealed record Peer(int Id, byte[] SockAddr);

public sealed class SnapshotBroadcaster(int socketFd)
{
    private readonly byte[] _address = new byte[16];

    public async Task BroadcastAsync(ReadOnlyMemory<byte> snapshot, IReadOnlyList<Peer> peers, CancellationToken ct)
    {
        var sends = new List<Task>(peers.Count);
        foreach (Peer peer in peers)
        {
            peer.SockAddr.CopyTo(/*~ASYS1005*/_address, 0);
            sends.Add(Native.SendToAsync(socketFd, snapshot, 0, _address, ct).AsTask());
        }

        await Task.WhenAll(sends);
    }
}
