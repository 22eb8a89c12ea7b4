// A digest job hashes files with Parallel.ForEachAsync; each body creates its own IncrementalHash and feeds it after every read's await, so whichever thread resumes the body feeds only that body's hasher.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.DigestThreadStaticOk;

internal sealed class DigestJob(IoRing ring)
{
    public ConcurrentDictionary<int, byte[]> Digests { get; } = new();

    public Task RunAsync(IReadOnlyList<int> fds, CancellationToken ct) =>
        Parallel.ForEachAsync(fds, ct, async (fd, token) =>
        {
            using IncrementalHash hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] chunk = new byte[65536];
            long offset = 0;
            while (true)
            {
                int n = await ring.ReadAsync(fd, chunk, offset, token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                hasher.AppendData(chunk, 0, n);
                offset += n;
            }

            Digests[fd] = hasher.GetHashAndReset();
        });
}
