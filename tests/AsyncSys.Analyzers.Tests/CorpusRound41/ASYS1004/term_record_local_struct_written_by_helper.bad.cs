// A Raft node persists its 24-byte term record with one positional write; the record is a local struct whose address a helper wraps in a MemoryManager and starts the write with, returning the task.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Persistence;

[StructLayout(LayoutKind.Sequential)]
public struct TermRecord
{
    public long Term;
    public long VotedFor;
    public long Checksum;
}

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

public sealed unsafe class TermStore
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public TermStore(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public ValueTask<int> PersistAsync(long term, long votedFor, CancellationToken ct)
    {
        TermRecord record = new() { Term = term, VotedFor = votedFor, Checksum = term ^ votedFor ^ 0x5A5A };
        return WriteRecord(/*~ASYS1004*/&record, ct);
    }

    private ValueTask<int> WriteRecord(TermRecord* record, CancellationToken ct)
    {
        var memory = new PointerMemory((byte*)record, sizeof(TermRecord));
        return _ring.WriteAtMostAsync(_fd, memory.Memory, 0, ct);
    }
}
