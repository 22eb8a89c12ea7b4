// A hashing CLI tool hashes many files with Parallel.ForEachAsync and, to avoid allocating, reads each file into a
// [ThreadStatic] scratch array taken once before its read loop. After the first await the body continues on another
// pool thread, and the thread it started on runs another file's body, which takes the same array: the two files'
// reads and hashes interleave in one buffer and both hashes come out wrong.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.PerThread.HashToolThreadStaticScratch;

public sealed class HashCommand(IoRing ring)
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(IEnumerable<string> files, int parallelism, CancellationToken ct)
    {
        var results = new ConcurrentDictionary<string, string>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(files, options, async (path, token) =>
        {
            using SafeFileHandle handle = File.OpenHandle(path);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] scratch = t_scratch ??= new byte[128 * 1024];
            long offset = 0;
            while (true)
            {
                int n = await ring.ReadAsync(handle, scratch, offset, token);
                if (n == 0)
                {
                    break;
                }

                hash.AppendData(/*~ASYS1002*/scratch, 0, n);
                offset += n;
            }

            results[path] = Convert.ToHexString(hash.GetHashAndReset());
        });
        return results;
    }
}
