// A prefetcher publishes a ChunkJob (a class whose constructor keeps the pooled array) to the bounded decode channel before the pread filling that array completed.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class ChunkJob
{
    private readonly byte[] _compressed;

    public ChunkJob(long index, byte[] compressed, int length)
    {
        Index = index;
        _compressed = compressed;
        Length = length;
    }

    public long Index { get; }
    public int Length { get; }
    public ReadOnlySpan<byte> Compressed => _compressed.AsSpan(0, Length);
    public void Release() => ArrayPool<byte>.Shared.Return(_compressed);
}

public sealed class ChunkPrefetcher(int fd)
{
    private readonly Channel<ChunkJob> _decode = Channel.CreateBounded<ChunkJob>(new BoundedChannelOptions(8) { SingleWriter = true });

    public ChannelReader<ChunkJob> Jobs => _decode.Reader;

    public async Task PrefetchAsync(long index, long offset, int length, CancellationToken ct)
    {
        byte[] compressed = ArrayPool<byte>.Shared.Rent(length);
        ValueTask<nint> read = Native.PReadAsync(fd, compressed.AsMemory(0, length), offset, ct);
        /*~ASYS1005*/await _decode.Writer.WriteAsync(new ChunkJob(index, compressed, length), ct);
        nint n = await read;
        if (n != length) throw new InvalidOperationException("short chunk read");
    }
}
