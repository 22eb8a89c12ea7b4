// A Raft node persists its 24-byte term record with one positional write; the record is a local struct, and the helper copies its bytes into an array before it starts the write and returns the task.
using System;
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
        return WriteRecord(&record, ct);
    }

    private ValueTask<int> WriteRecord(TermRecord* record, CancellationToken ct) =>
        _ring.WriteAtMostAsync(_fd, new ReadOnlySpan<byte>(record, sizeof(TermRecord)).ToArray(), 0, ct);
}
