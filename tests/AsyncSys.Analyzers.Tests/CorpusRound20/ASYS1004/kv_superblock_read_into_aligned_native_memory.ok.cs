// The same superblock read into NativeMemory.AlignedAlloc memory the store owns (O_DIRECT-aligned): it lives until the
// store frees it in Dispose, which its owner calls only after awaiting the read.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.StackMemory.SuperblockAlignedNative;

public sealed unsafe class NativeBlock : MemoryManager<byte>
{
    private byte* _pointer;
    private readonly int _length;

    public NativeBlock(int length, int alignment)
    {
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        NativeMemory.AlignedFree(_pointer);
        _pointer = null;
    }
}

public sealed class Superblock(IoRing ring, int dbFd) : IDisposable
{
    private readonly NativeBlock _header = new(512, 4096);

    public ValueTask<int> StartReadHeader(CancellationToken ct) => ring.ReadAsync(dbFd, _header.Memory, 0, ct);

    public void Dispose() => ((IDisposable)_header).Dispose();
}
