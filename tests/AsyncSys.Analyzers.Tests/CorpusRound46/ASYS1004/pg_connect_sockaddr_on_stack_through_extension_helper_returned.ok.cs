// A Postgres driver fills a sockaddr_in struct, copies it into a fresh array and returns the task of a ConnectToAsync extension helper that hands the array's memory to the ring's connect.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.PgConnectOk;

[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort Port;
    public uint Address;
    public ulong Zero;
}

internal static class RingConnectExtensions
{
    public static ValueTask ConnectToAsync(this IoRing ring, int socket, ReadOnlyMemory<byte> address, CancellationToken ct) =>
        ring.ConnectAsync(socket, address, ct);
}

internal sealed class PgEndpointConnector(IoRing ring)
{
    public ValueTask ConnectAsync(int socket, uint ipv4, ushort port, CancellationToken ct)
    {
        SockAddrIn address = default;
        address.Family = 2;
        address.Port = BinaryPrimitives.ReverseEndianness(port);
        address.Address = BinaryPrimitives.ReverseEndianness(ipv4);
        byte[] bytes = new byte[Marshal.SizeOf<SockAddrIn>()];
        MemoryMarshal.Write(bytes, in address);
        return ring.ConnectToAsync(socket, bytes, ct);
    }
}
