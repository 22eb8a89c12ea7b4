// A record-file reader has a generic helper StartRead<T>(ref T header) where T : unmanaged that reads sizeof(T) bytes straight into the caller's struct through Unsafe.AsPointer and returns the ring read's task. The caller passes ref to its own header local and returns that task: the read fills a struct in a frame that is gone.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.GenericStartReadBad;

internal struct RecordHeader
{
    public uint Magic;
    public uint Length;
    public ulong Sequence;
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

internal static class RingStructReads
{
    public static unsafe ValueTask<int> StartRead<T>(this IoRing ring, int fd, ref T header, long offset, CancellationToken ct)
        where T : unmanaged
    {
        var memory = new PointerMemory((byte*)Unsafe.AsPointer(ref header), sizeof(T));
        return ring.ReadAsync(fd, memory.Memory, offset, ct);
    }
}

internal sealed class RecordFile(IoRing ring, int fd)
{
    public ValueTask<int> ReadHeaderAt(long offset, CancellationToken ct)
    {
        RecordHeader header = default;
        return ring.StartRead(fd, /*~ASYS1004*/ref header, offset, ct);
    }
}
