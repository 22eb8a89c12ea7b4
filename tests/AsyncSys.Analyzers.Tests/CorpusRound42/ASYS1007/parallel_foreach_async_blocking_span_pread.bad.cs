// A Parallel.ForEachAsync chunk loader calls the blocking pread wrapper (Span<byte> overload) inside its async lambda, after awaiting the index lookup.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, Span<byte> buffer, nuint count, long offset);
}

public interface IChunkIndex
{
    ValueTask<(long Offset, int Length)> LocateAsync(long chunk, CancellationToken ct);
}

public sealed class ParallelChunkLoader(int fd, IChunkIndex index)
{
    public Task LoadAsync(IEnumerable<long> chunks, Func<long, Memory<byte>> destinationFor, CancellationToken ct) =>
        Parallel.ForEachAsync(chunks, ct, async (chunk, token) =>
        {
            (long offset, int length) = await index.LocateAsync(chunk, token);
            Memory<byte> destination = destinationFor(chunk)[..length];
            nint n = /*~ASYS1007*/Native.PRead(fd, destination.Span, (nuint)length, offset);
            if (n != length) throw new InvalidOperationException("short chunk " + chunk);
        });
}
