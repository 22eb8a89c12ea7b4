using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Samples.FileCopy;

/// <summary>SHA-256 of a file read through the ring, the next block's read in flight while this one is hashed.</summary>
internal static class RingHasher
{
    public static async Task<byte[]> HashAsync(IoRing ring, SafeFileHandle file, int blockSize, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] current = new byte[blockSize];
        byte[] next = new byte[blockSize];
        long offset = 0;
        ValueTask<nint> pending = Libc.PReadAsync(ring, file, current, offset, cancellationToken);
        while (true)
        {
            int read = (int)await pending.ConfigureAwait(false);
            if (read == 0)
            {
                return hash.GetHashAndReset();
            }

            offset += read;
            // The kernel fills `next` while the CPU hashes `current`; neither is touched by both at once.
            pending = Libc.PReadAsync(ring, file, next, offset, cancellationToken);
            hash.AppendData(current, 0, read);
            (current, next) = (next, current);
        }
    }
}
