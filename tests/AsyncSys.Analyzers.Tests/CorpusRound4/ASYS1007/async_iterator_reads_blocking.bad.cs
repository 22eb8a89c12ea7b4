using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.Iterator;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, Span<byte> buffer, nuint count, long offset);
}

internal static class Chunks
{
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(int fd, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long offset = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            byte[] chunk = new byte[chunkSize];
            nint n = /*~ASYS1007*/Libc.PRead(fd, chunk, (nuint)chunk.Length, offset);   // blocks the consumer's thread
            if (n <= 0)
            {
                yield break;
            }

            offset += n;
            yield return chunk.AsMemory(0, (int)n);
            await Task.Yield();
        }
    }
}
