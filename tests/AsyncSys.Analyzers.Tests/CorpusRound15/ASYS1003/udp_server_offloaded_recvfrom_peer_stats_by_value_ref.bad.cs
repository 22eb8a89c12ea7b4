// A UDP game server counts packets per source address. ReceiveFrom is an offloaded recvfrom wrapper (RingOp.None) and
// the server keeps several receives posted, so several workers run it at once. Each takes a ref into a plain
// Dictionary field with CollectionsMarshal.GetValueRefOrAddDefault (the allocation-free idiom): two workers adding
// peers at once corrupt the dictionary's buckets during a resize (lost peers, or an endless loop in a later lookup),
// and two packets from one peer lose an increment through the ref.
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round15.SharedState.PeerStatsValueRef;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nuint length, int flags, byte[] address, ref uint addressLength);
}

public struct PeerStats
{
    public long Packets;
}

public sealed partial class UdpServer(int socketFd)
{
    private readonly Dictionary<ulong, PeerStats> _peers = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long ReceiveFrom(byte[] packet, byte[] address)
    {
        uint addressLength = (uint)address.Length;
        nint n = Native.RecvFrom(socketFd, packet, (nuint)packet.Length, 0, address, ref addressLength);
        if (n < 0)
        {
            return -1;
        }

        // sockaddr_in: family (2), port (2), IPv4 address (4): one key per peer.
        ulong key = BinaryPrimitives.ReadUInt64LittleEndian(address);
        ref PeerStats stats = ref /*~ASYS1003*/CollectionsMarshal.GetValueRefOrAddDefault(_peers, key, out _);
        /*~ASYS1003*/stats.Packets++;
        return n;
    }
}
