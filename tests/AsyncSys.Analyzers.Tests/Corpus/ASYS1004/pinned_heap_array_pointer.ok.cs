// A pointer into an array on the pinned object heap never moves: wrapping it is safe.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
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

internal sealed unsafe class RegisteredBuffer
{
    private readonly byte[] _pinned = GC.AllocateArray<byte>(65536, pinned: true);

    public ValueTask<int> ReadAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        byte* start = (byte*)Unsafe.AsPointer(ref _pinned[0]);
        var manager = new PointerMemoryManager(start, _pinned.Length);
        return ring.ReadAsync(fd, manager.Memory, offset, cancellationToken);
    }
}
