// An IAsyncEnumerable producer reads a file in chunks into one pooled buffer and yields a view of it after each read
// has been awaited; the finally returns the buffer when the consumer stops enumerating (await foreach ends or breaks).
// Tricky but correct: the buffer is handed out and returned, but never while a read into it is in flight.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.InFlight.ChunkReaderYieldsPooled;

public sealed class ChunkReader(IoRing ring, int chunkSize)
{
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(SafeFileHandle file, [EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            long offset = 0;
            while (true)
            {
                int n = await ring.ReadAsync(file, buffer.AsMemory(0, chunkSize), offset, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    yield break;
                }

                offset += n;
                yield return buffer.AsMemory(0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

public static class Checksums
{
    public static async Task<string> Sha256Async(ChunkReader reader, string path, CancellationToken ct)
    {
        using SafeFileHandle file = File.OpenHandle(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await foreach (ReadOnlyMemory<byte> chunk in reader.ReadChunksAsync(file, ct).ConfigureAwait(false))
        {
            hash.AppendData(chunk.Span);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
