// Unreliable UDP state updates are "fire and forget" in game networking, so the server starts one generated sendto per
// peer in a List.ForEach lambda and drops the tasks. The sends still run: their errors (EMSGSIZE for an oversized
// snapshot, ENETUNREACH) are lost, and the snapshot array is reused by the next tick while the workers still read it.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round15.Observed.UnreliableSendsDiscarded;

internal static unsafe partial class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    [AsyncSyscall]
    internal static extern nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}

public sealed record Peer(int Id, byte[] SockAddr);

public sealed class StateBroadcaster(int socketFd)
{
    public void SendUnreliable(ReadOnlyMemory<byte> state, List<Peer> peers)
    {
        peers.ForEach(peer => /*~ASYS1006*/_ = Native.SendToAsync(socketFd, state, 0, peer.SockAddr));
    }
}
