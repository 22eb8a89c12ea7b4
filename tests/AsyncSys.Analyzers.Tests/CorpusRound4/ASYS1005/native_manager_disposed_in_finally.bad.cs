using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.NativeManager;

internal sealed unsafe class NativeBuffer : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public NativeBuffer(int length)
    {
        _pointer = (byte*)NativeMemory.Alloc((nuint)length);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => NativeMemory.Free(_pointer);
}

internal sealed class HeaderReader
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public HeaderReader(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public ValueTask<int> ReadHeader(long offset)
    {
        var buffer = new NativeBuffer(512);
        try
        {
            return _ring.ReadAsync(_fd, buffer.Memory, offset);
        }
        finally
        {
            /*~ASYS1005*/((IMemoryOwner<byte>)buffer).Dispose();   // frees the memory the read is still filling
        }
    }
}
