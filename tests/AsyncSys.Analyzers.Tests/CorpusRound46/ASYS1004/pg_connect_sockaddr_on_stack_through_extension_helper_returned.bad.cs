// A Postgres driver fills a sockaddr_in struct on the stack, wraps its address in a pointer MemoryManager and returns the task of a ConnectToAsync extension helper that hands the memory to the ring's connect.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.PgConnectBad;

[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort Port;
    public uint Address;
    public ulong Zero;
}

internal sealed unsafe class UnmanagedFrame : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public UnmanagedFrame(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal static class RingConnectExtensions
{
    public static ValueTask ConnectToAsync(this IoRing ring, int socket, ReadOnlyMemory<byte> address, CancellationToken ct) =>
        ring.ConnectAsync(socket, address, ct);
}

internal sealed unsafe class PgEndpointConnector(IoRing ring)
{
    public ValueTask ConnectAsync(int socket, uint ipv4, ushort port, CancellationToken ct)
    {
        SockAddrIn address = default;
        address.Family = 2;
        address.Port = BinaryPrimitives.ReverseEndianness(port);
        address.Address = BinaryPrimitives.ReverseEndianness(ipv4);
        var memory = new UnmanagedFrame((byte*)&address, sizeof(SockAddrIn));
        return ring.ConnectToAsync(socket, /*~ASYS1004*/memory.Memory, ct);
    }
}
