// The per-thread hasher is fetched after the await and used without another await in between.
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
        int n = await ring.ReadAsync(fd, block, offset, cancellationToken);
        IncrementalHash hash = s_hash.Value!;
        hash.AppendData(block, 0, n);
        return hash.GetHashAndReset();
    }
}
