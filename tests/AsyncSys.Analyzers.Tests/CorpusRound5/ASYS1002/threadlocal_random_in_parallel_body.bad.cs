using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.ParallelRandom;

internal static class Sampler
{
    private static readonly ThreadLocal<Random> s_random = new(() => new Random());

    // Reads two random 4 KiB blocks of every file, as a scrubber checking for latent sector errors.
    public static Task ScrubAsync(IoRing ring, IReadOnlyList<(int Fd, long Size)> files, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(files, cancellationToken, async (file, ct) =>
        {
            Random random = s_random.Value!;
            byte[] block = new byte[4096];
            long first = random.NextInt64(Math.Max(1, file.Size / 4096)) * 4096;
            await ring.ReadAsync(file.Fd, block, first, ct);
            long second = /*~ASYS1002*/random.NextInt64(Math.Max(1, file.Size / 4096)) * 4096;   // Random is not thread-safe: another body on the first thread uses it now
            await ring.ReadAsync(file.Fd, block, second, ct);
        });
}
