// The client views the same sockaddr_in local through MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref address, 1)) but copies those bytes into an array before the connect starts: the ring pins the array, which the returned task keeps alive.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.CreateSpanSockaddrOk;

[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort Port;
    public uint Address;
    public ulong Zero;
}

internal sealed class Dialer(IoRing ring)
{
    public ValueTask<int> ConnectTo(int socket, uint ipv4, ushort port, CancellationToken ct)
    {
        SockAddrIn address = new()
        {
            Family = 2,
            Port = BinaryPrimitives.ReverseEndianness(port),
            Address = BinaryPrimitives.ReverseEndianness(ipv4),
        };
        byte[] bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref address, 1)).ToArray();
        return ring.SubmitAsync(RingRequest.Connect(socket, bytes), ct);
    }
}
