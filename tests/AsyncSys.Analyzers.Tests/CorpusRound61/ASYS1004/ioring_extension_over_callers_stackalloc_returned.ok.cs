// The checkpoint helper stamps its marker in native memory that the checkpointer owns for its whole life, so the extension's write outlives no frame.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RingExtensionStackMarkerOk;

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

internal static unsafe class RingPointerExtensions
{
    public static ValueTask WriteFromAsync(this IoRing ring, int fd, byte* data, int length, long offset, CancellationToken ct) =>
        ring.WriteAsync(fd, new PointerMemory(data, length).Memory, offset, ct);
}

internal sealed unsafe class Checkpointer(IoRing ring, int fd)
{
    private readonly byte* _marker = (byte*)NativeMemory.AllocZeroed(32);

    public ValueTask WriteMarkerAsync(long offset, long generation, CancellationToken ct)
    {
        new Span<byte>(_marker, 32).Fill(0xCC);
        *(long*)_marker = generation;
        return ring.WriteFromAsync(fd, _marker, 32, offset, ct);
    }
}
