// A chunked response's body is an async iterator that reads the file in 64 KiB chunks with the generated pread variant between yields.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace ChunkedResponses;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, Span<byte> buffer, nuint count, long offset);
}

internal static class FileChunks
{
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(int file, long length, [EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        while (offset < length)
        {
            nint n = await Libc.PReadAsync(file, chunk, offset, ct);
            if (n <= 0)
            {
                yield break;
            }

            offset += n;
            yield return chunk.AsMemory(0, (int)n);
        }
    }
}
