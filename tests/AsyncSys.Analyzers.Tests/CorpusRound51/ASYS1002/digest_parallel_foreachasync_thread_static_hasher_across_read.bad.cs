// A digest job hashes files with Parallel.ForEachAsync; each body takes the worker thread's cached IncrementalHash from a [ThreadStatic] field and feeds it after every read's await, where the body may run on another thread whose body is feeding the same hasher.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.DigestThreadStaticBad;

internal sealed class DigestJob(IoRing ring)
{
    [ThreadStatic]
    private static IncrementalHash? t_hasher;

    public ConcurrentDictionary<int, byte[]> Digests { get; } = new();

    public Task RunAsync(IReadOnlyList<int> fds, CancellationToken ct) =>
        Parallel.ForEachAsync(fds, ct, async (fd, token) =>
        {
            IncrementalHash hasher = t_hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] chunk = new byte[65536];
            long offset = 0;
            while (true)
            {
                int n = await ring.ReadAsync(fd, chunk, offset, token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                /*~ASYS1002*/hasher.AppendData(chunk, 0, n);
                offset += n;
            }

            Digests[fd] = hasher.GetHashAndReset();
        });
}
