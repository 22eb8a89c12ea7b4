// The same offset store copying the stack record into a new array before the ring write starts: the write owns a
// managed array that AsyncSys pins for the whole operation, and the stack struct's part ends with the copy.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.StackMemory.OffsetCommitCopiedArray;

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
        byte[] bytes = new ReadOnlySpan<byte>(&record, sizeof(OffsetRecord)).ToArray();
        return ring.WriteAsync(fd, bytes, 0, ct);
    }

    private static uint Checksum(long offset, int leaderEpoch) => (uint)(offset ^ (offset >> 32)) * 16777619u ^ (uint)leaderEpoch;
}
