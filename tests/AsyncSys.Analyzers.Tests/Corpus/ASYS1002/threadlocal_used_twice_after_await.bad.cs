// A per-thread hasher kept across an await and used twice after it: one hazard, reported at the first use.
using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class BlockHasher
{
    private static readonly ThreadLocal<IncrementalHash> s_hash = new(() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256));

    public static async Task<byte[]> HashBlockAsync(IoRing ring, int fd, byte[] block, long offset, CancellationToken cancellationToken)
    {
        IncrementalHash hash = s_hash.Value!;
        int n = await ring.ReadAsync(fd, block, offset, cancellationToken);
        /*~ASYS1002*/hash.AppendData(block, 0, n);
        return hash.GetHashAndReset();
    }
}
