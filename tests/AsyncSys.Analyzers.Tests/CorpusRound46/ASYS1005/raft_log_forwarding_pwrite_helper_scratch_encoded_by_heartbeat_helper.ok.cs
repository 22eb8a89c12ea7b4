// A Raft node appends an entry through its log's AppendAsync helper, which forwards the entry buffer to the generated PWriteAsync variant, and encodes the next heartbeat into a separate buffer through a helper while the append runs.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.RaftLogOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal sealed class RaftLog(IoRing ring, int fd)
{
    public ValueTask<nint> AppendAsync(ReadOnlyMemory<byte> entry, long offset, CancellationToken ct) =>
        Native.PWriteAsync(ring, fd, entry, offset, ct);
}

internal sealed class RaftNode(RaftLog log, IoRing ring, int peerSocket)
{
    private readonly byte[] _scratch = new byte[4096];
    private readonly byte[] _heartbeat = new byte[32];
    private long _logEnd;

    private static int EncodeHeartbeat(byte[] scratch, long term, long commitIndex)
    {
        scratch[0] = 1;
        BinaryPrimitives.WriteInt64BigEndian(scratch.AsSpan(1), term);
        BinaryPrimitives.WriteInt64BigEndian(scratch.AsSpan(9), commitIndex);
        return 17;
    }

    public async Task AppendAndBeatAsync(ReadOnlyMemory<byte> command, long term, long commitIndex, CancellationToken ct)
    {
        BinaryPrimitives.WriteInt64BigEndian(_scratch, term);
        command.CopyTo(_scratch.AsMemory(8));
        int length = 8 + command.Length;
        ValueTask<nint> append = log.AppendAsync(_scratch.AsMemory(0, length), _logEnd, ct);
        int beat = EncodeHeartbeat(_heartbeat, term, commitIndex);
        await ring.SendAsync(peerSocket, _heartbeat.AsMemory(0, beat), MessageFlags.None, ct).ConfigureAwait(false);
        _logEnd += await append.ConfigureAwait(false);
    }
}
