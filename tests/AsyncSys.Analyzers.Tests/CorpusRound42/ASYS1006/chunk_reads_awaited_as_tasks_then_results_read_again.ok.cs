// A hyperslab reader starts one pread per chunk and sums the counts that Task.WhenAll of their AsTask() gives back.
using System;
using System.Linq;
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

public sealed class HyperslabReader(int fd)
{
    public async Task<long> ReadChunksAsync(long[] offsets, Memory<byte>[] destinations, CancellationToken ct)
    {
        var reads = new ValueTask<nint>[offsets.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            reads[i] = Native.PReadAsync(fd, destinations[i], offsets[i], ct);
        }

        nint[] counts = await Task.WhenAll(reads.Select(r => r.AsTask()));
        long total = 0;
        foreach (nint n in counts) total += n;
        return total;
    }
}
