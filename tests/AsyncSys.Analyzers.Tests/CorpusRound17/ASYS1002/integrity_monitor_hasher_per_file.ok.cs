// The same file-integrity monitor with one IncrementalHash per file: the hasher is the method's own, whatever thread the
// loop resumes on.
using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.ThreadState.IntegrityHasherPerFile;

public sealed class IntegrityMonitor(IoRing ring)
{
    public async Task<byte[]> HashFileAsync(int fd, CancellationToken ct)
    {
        using IncrementalHash hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[64 * 1024];
        long offset = 0;
        while (true)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                break;
            }

            hasher.AppendData(chunk, 0, n);
            offset += n;
        }

        return hasher.GetHashAndReset();
    }
}
