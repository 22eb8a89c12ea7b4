// A segment merge reads the next postings block of several segments with pread in parallel (Parallel.ForEachAsync) and writes each block, wrapped in a record, to the merge's channel once its pread has completed.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Merge;

public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed record SegmentCursor(int Id, int Fd, long PostingsOffset);

public sealed record PostingsBlock(int SegmentId, byte[] Data);

public sealed class PostingsMerger
{
    private const int BlockSize = 16 * 1024;

    private readonly Channel<PostingsBlock> _blocks = Channel.CreateBounded<PostingsBlock>(64);

    public ChannelReader<PostingsBlock> Blocks => _blocks.Reader;

    public Task ReadNextBlocksAsync(IReadOnlyList<SegmentCursor> segments, CancellationToken ct) =>
        Parallel.ForEachAsync(segments, ct, async (segment, token) =>
        {
            byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
            ValueTask<nint> read = Libc.PReadAsync(segment.Fd, block.AsMemory(0, BlockSize), segment.PostingsOffset, token);
            nint n = await read;
            if (n < BlockSize) throw new InvalidOperationException($"segment {segment.Id}: short postings block");
            await _blocks.Writer.WriteAsync(new PostingsBlock(segment.Id, block), token);
        });
}
