// A duplicate finder shows "what each thread is hashing" in a progress view: it records the path under the current
// thread id, awaits the chunked reads, and removes the entry by that id afterwards. The hash finishes on another thread,
// so it removes whatever that id's thread is hashing now (or nothing), and the view keeps showing a finished file.
using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.ThreadState.ProgressByThreadId;

public sealed class ContentHasher(IoRing ring)
{
    private static readonly ConcurrentDictionary<int, string> s_hashingByThread = new();

    public static string[] Snapshot() => [.. s_hashingByThread.Values];

    public async Task<byte[]> HashAsync(SafeFileHandle file, string path, long length, CancellationToken ct)
    {
        int worker = Environment.CurrentManagedThreadId;
        s_hashingByThread[worker] = path;
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

        s_hashingByThread.TryRemove(/*~ASYS1002*/worker, out _);
        return hash.GetHashAndReset();
    }
}
