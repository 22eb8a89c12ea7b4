using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Net;

public sealed unsafe class NativeBuffer : MemoryManager<byte>
{
    private byte* _pointer;
    private readonly int _length;

    public NativeBuffer(int length)
    {
        _pointer = (byte*)NativeMemory.AllocZeroed((nuint)length);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        NativeMemory.Free(_pointer);
        _pointer = null;
    }
}

public static class LoopbackConnect
{
    public static async ValueTask ConnectLoopbackAsync(this IoRing ring, int fd, ushort port)
    {
        using var address = new NativeBuffer(16);
        Span<byte> span = address.Memory.Span;
        span[0] = 2;                                       // AF_INET
        span[2] = (byte)(port >> 8);
        span[3] = (byte)(port & 0xFF);
        span[4] = 127;
        span[7] = 1;
        await ring.ConnectAsync(fd, address.Memory);       // freed only after the connect completed
    }
}
