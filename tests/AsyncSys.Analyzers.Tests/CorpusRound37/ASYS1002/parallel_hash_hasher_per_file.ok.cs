// The same hashing with one IncrementalHash per file, owned by the call whatever thread continues it.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.PerThread.HasherPerFile;

public sealed class FileHasher(IoRing ring)
{
    public async Task<byte[]> HashAsync(int fd, long length, CancellationToken ct)
    {
        using IncrementalHash hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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

                hasher.AppendData(chunk, 0, n);
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
