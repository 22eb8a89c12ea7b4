// Per-peer packet counts, written right: the offloaded recvfrom wrapper counts in a ConcurrentDictionary with
// AddOrUpdate, whose update lambda only computes the new value from the one it is given.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round15.SharedState.PeerCountsConcurrent;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nuint length, int flags, byte[] address, ref uint addressLength);
}

public sealed partial class UdpServer(int socketFd)
{
    private readonly ConcurrentDictionary<ulong, long> _packetsByPeer = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long ReceiveFrom(byte[] packet, byte[] address)
    {
        uint addressLength = (uint)address.Length;
        nint n = Native.RecvFrom(socketFd, packet, (nuint)packet.Length, 0, address, ref addressLength);
        if (n < 0)
        {
            return -1;
        }

        ulong key = BinaryPrimitives.ReadUInt64LittleEndian(address);
        _packetsByPeer.AddOrUpdate(key, 1, static (_, count) => count + 1);
        return n;
    }
}
