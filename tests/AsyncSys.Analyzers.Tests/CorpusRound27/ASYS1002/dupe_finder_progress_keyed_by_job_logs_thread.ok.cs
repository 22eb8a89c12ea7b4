// The same progress view keyed by a job number taken from a counter, so any thread may remove the entry; the thread the
// hash started on is kept only for the debug line written after the reads.
using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.ThreadState.ProgressByJob;

public sealed class ContentHasher(IoRing ring)
{
    private static readonly ConcurrentDictionary<long, string> s_hashingByJob = new();
    private static long s_nextJob;

    public static string[] Snapshot() => [.. s_hashingByJob.Values];

    public async Task<byte[]> HashAsync(SafeFileHandle file, string path, long length, CancellationToken ct)
    {
        long job = Interlocked.Increment(ref s_nextJob);
        int startedOn = Environment.CurrentManagedThreadId;
        s_hashingByJob[job] = path;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[1 << 20];
        long offset = 0;
        while (offset < length)
        {
            int n = await ring.ReadAsync(file, chunk, offset, ct);
            if (n == 0)
            {
                break;
            }

            hash.AppendData(chunk, 0, n);
            offset += n;
        }

        s_hashingByJob.TryRemove(job, out _);
        Console.Error.WriteLine($"hashed {path} ({offset} bytes), started on thread {startedOn}");
        return hash.GetHashAndReset();
    }
}
