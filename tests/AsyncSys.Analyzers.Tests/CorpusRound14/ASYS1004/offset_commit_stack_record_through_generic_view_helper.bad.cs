// A broker's consumer-offset store implements IOffsetStore.CommitAsync without async: it builds the 16-byte offset
// record as a local struct and writes it through UnmanagedView.Of(&record), a generic helper that wraps any
// unmanaged pointer in a MemoryManager's Memory, returning the ring write's task. The record lives in this frame,
// which is gone when CommitAsync returns at once; the ring reads the bytes later, from whatever the caller's next
// calls wrote there. The offsets file then holds garbage offsets and epochs, and a restarted consumer group starts
// from a random position.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.StackMemory.OffsetCommitGenericView;

internal sealed unsafe class PointerMemory : MemoryManager<byte>
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

internal static unsafe class UnmanagedView
{
    public static Memory<byte> Of<T>(T* value) where T : unmanaged => new PointerMemory((byte*)value, sizeof(T)).Memory;
}

[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct OffsetRecord
{
    public long Offset;
    public int LeaderEpoch;
    public uint Checksum;
}

public interface IOffsetStore
{
    ValueTask CommitAsync(long offset, int leaderEpoch, CancellationToken ct);
}

public sealed class FileOffsetStore(IoRing ring, int fd) : IOffsetStore
{
    public unsafe ValueTask CommitAsync(long offset, int leaderEpoch, CancellationToken ct)
    {
        OffsetRecord record = new() { Offset = offset, LeaderEpoch = leaderEpoch, Checksum = Checksum(offset, leaderEpoch) };
        return ring.WriteAsync(fd, UnmanagedView.Of(/*~ASYS1004*/&record), 0, ct);
    }

    private static uint Checksum(long offset, int leaderEpoch) => (uint)(offset ^ (offset >> 32)) * 16777619u ^ (uint)leaderEpoch;
}
