// A parallel chunk reader keeps read statistics per thread in a ThreadLocal; the stats object is taken after the awaited pread, on the thread that writes it.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class ReadStats
{
    public long Chunks;
    public long Bytes;
}

public sealed class ParallelChunkReader(int fd) : IDisposable
{
    private readonly ThreadLocal<ReadStats> _stats = new(() => new ReadStats(), trackAllValues: true);

    public long TotalBytes()
    {
        long total = 0;
        foreach (ReadStats s in _stats.Values) total += s.Bytes;
        return total;
    }

    public Task ReadAllAsync(IReadOnlyList<(long Offset, int Length)> chunks, Memory<byte> destination, CancellationToken ct) =>
        Parallel.ForEachAsync(chunks, ct, async (chunk, token) =>
        {
            int start = (int)(chunk.Offset - chunks[0].Offset);
            nint n = await Native.PReadAsync(fd, destination.Slice(start, chunk.Length), chunk.Offset, token);
            ReadStats stats = _stats.Value!;
            stats.Chunks++;
            stats.Bytes += n;
        });

    public void Dispose() => _stats.Dispose();
}
