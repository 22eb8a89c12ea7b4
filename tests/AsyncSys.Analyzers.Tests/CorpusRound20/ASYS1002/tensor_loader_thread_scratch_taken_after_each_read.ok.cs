// The same loader taking the per-thread scratch after each read, on the thread that decompresses, and finishing with it
// (the emitted sample is copied out) before the next await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.PerThread.LoaderScratchAfterRead;

internal static class DecodeScratch
{
    [ThreadStatic] private static byte[]? t_scratch;

    public static byte[] ForThisThread() => t_scratch ??= new byte[1 << 20];
}

public sealed class ChunkLoader(IoRing ring, int shardFd)
{
    public async Task<long> LoadAsync(long offset, long end, Memory<byte> chunk, Action<byte[]> emit, CancellationToken ct)
    {
        long total = 0;
        while (offset < end)
        {
            int n = await ring.ReadAsync(shardFd, chunk, offset, ct);
            if (n <= 0)
            {
                break;
            }

            byte[] scratch = DecodeScratch.ForThisThread();
            int produced = Inflate(chunk.Span[..n], scratch);
            emit(scratch.AsSpan(0, produced).ToArray());
            offset += n;
            total += produced;
        }

        return total;
    }

    private static int Inflate(ReadOnlySpan<byte> source, byte[] destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
