// The same hashing CLI tool, written right: each file's body rents its own scratch array from the ArrayPool and returns
// it when the file is hashed, so a body that resumes on another thread still owns its buffer.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.PerThread.HashToolRentedScratch;

public sealed class HashCommand(IoRing ring)
{
    public async Task<IReadOnlyDictionary<string, string>> RunAsync(IEnumerable<string> files, int parallelism, CancellationToken ct)
    {
        var results = new ConcurrentDictionary<string, string>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(files, options, async (path, token) =>
        {
            using SafeFileHandle handle = File.OpenHandle(path);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] scratch = ArrayPool<byte>.Shared.Rent(128 * 1024);
            try
            {
                long offset = 0;
                while (true)
                {
                    int n = await ring.ReadAsync(handle, scratch, offset, token);
                    if (n == 0)
                    {
                        break;
                    }

                    hash.AppendData(scratch, 0, n);
                    offset += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            results[path] = Convert.ToHexString(hash.GetHashAndReset());
        });
        return results;
    }
}
