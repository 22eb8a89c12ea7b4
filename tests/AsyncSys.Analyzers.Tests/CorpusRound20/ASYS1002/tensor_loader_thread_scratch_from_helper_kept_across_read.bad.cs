// A tensor loader decompresses each chunk with a per-thread scratch buffer it gets from a [ThreadStatic]-backed helper.
// It takes the scratch once before the read loop and keeps using it after each awaited ring read, which resumes on
// whatever pool thread completes it: two loaders that started on one thread now decompress into the same scratch at
// once, and samples come out mixed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.PerThread.LoaderScratchFromHelper;

internal static class DecodeScratch
{
    [ThreadStatic] private static byte[]? t_scratch;

    public static byte[] ForThisThread() => t_scratch ??= new byte[1 << 20];
}

public sealed class ChunkLoader(IoRing ring, int shardFd)
{
    public async Task<long> LoadAsync(long offset, long end, Memory<byte> chunk, Action<ReadOnlyMemory<byte>> emit, CancellationToken ct)
    {
        byte[] scratch = DecodeScratch.ForThisThread();
        long total = 0;
        while (offset < end)
        {
            int n = await ring.ReadAsync(shardFd, chunk, offset, ct);
            if (n <= 0)
            {
                break;
            }

            int produced = Inflate(chunk.Span[..n], /*~ASYS1002*/scratch);
            emit(scratch.AsMemory(0, produced));
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
