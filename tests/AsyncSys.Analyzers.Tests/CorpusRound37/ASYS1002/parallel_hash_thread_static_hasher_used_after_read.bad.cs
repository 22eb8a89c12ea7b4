// Parallel file hashing keeps one IncrementalHash per thread in a [ThreadStatic] field to avoid allocations. A file's
// hash takes the thread's hasher, awaits a chunk read, then appends to it. After the await the method continues on
// another thread while the first thread starts hashing another file with the same hasher: both digests are garbage and
// the cache serves the wrong artefact.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.PerThread.ThreadStaticHasher;

public sealed class FileHasher(IoRing ring)
{
    [ThreadStatic]
    private static IncrementalHash? t_hasher;

    public async Task<byte[]> HashAsync(int fd, long length, CancellationToken ct)
    {
        IncrementalHash hasher = t_hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            for (long offset = 0; offset < length;)
            {
                int n = await ring.ReadAsync(fd, chunk, offset, ct);
                if (n == 0)
                {
                    break;
                }

                /*~ASYS1002*/hasher.AppendData(chunk, 0, n);
                offset += n;
            }

            return hasher.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
