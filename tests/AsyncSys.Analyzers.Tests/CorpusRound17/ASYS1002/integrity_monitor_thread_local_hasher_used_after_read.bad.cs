// A file-integrity monitor hashes binaries it reads through the ring. To avoid allocating it reuses one
// IncrementalHash per thread from a ThreadLocal, taken once before the read loop. After the first await the loop runs on
// another thread, whose own scan may be appending to the same hasher: two files' bytes mix and the monitor raises
// false tamper alerts (or, worse, misses a real change).
using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.ThreadState.IntegrityHasher;

public sealed class IntegrityMonitor(IoRing ring)
{
    private static readonly ThreadLocal<IncrementalHash> s_hasher =
        new(() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256));

    public async Task<byte[]> HashFileAsync(int fd, CancellationToken ct)
    {
        IncrementalHash hasher = s_hasher.Value!;
        var chunk = new byte[64 * 1024];
        long offset = 0;
        while (true)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                break;
            }

            /*~ASYS1002*/hasher.AppendData(chunk, 0, n);
            offset += n;
        }

        return hasher.GetHashAndReset();
    }
}
