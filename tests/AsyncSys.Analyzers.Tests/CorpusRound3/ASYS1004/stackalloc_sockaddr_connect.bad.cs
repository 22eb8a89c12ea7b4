using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Net;

public sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
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

public static unsafe class LoopbackConnect
{
    public static ValueTask ConnectLoopbackAsync(this IoRing ring, int fd, ushort port)
    {
        byte* address = stackalloc byte[16];
        var span = new Span<byte>(address, 16);
        span.Clear();
        span[0] = 2;                                       // AF_INET
        BinaryPrimitives.WriteUInt16BigEndian(span.Slice(2), port);
        span[4] = 127;
        span[7] = 1;
        var memory = new PointerMemory(address, 16);
        return /*~ASYS1004*/ring.ConnectAsync(fd, memory.Memory);
    }
}
