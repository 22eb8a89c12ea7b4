// A client fills a sockaddr_in struct local and views it as bytes with MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref address, 1)), pins that span with fixed, wraps the pointer in a MemoryManager and returns the ring's connect. The connect reads the address after the method (and the fixed block) has ended: the struct local is gone.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.CreateSpanSockaddrBad;

[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort Port;
    public uint Address;
    public ulong Zero;
}

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class Dialer(IoRing ring)
{
    public unsafe ValueTask<int> ConnectTo(int socket, uint ipv4, ushort port, CancellationToken ct)
    {
        SockAddrIn address = new()
        {
            Family = 2,
            Port = BinaryPrimitives.ReverseEndianness(port),
            Address = BinaryPrimitives.ReverseEndianness(ipv4),
        };
        Span<byte> bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref address, 1));
        fixed (byte* p = bytes)
        {
            var memory = new PointerMemory(p, bytes.Length);
            return ring.SubmitAsync(RingRequest.Connect(socket, /*~ASYS1004*/memory.Memory), ct);
        }
    }
}
