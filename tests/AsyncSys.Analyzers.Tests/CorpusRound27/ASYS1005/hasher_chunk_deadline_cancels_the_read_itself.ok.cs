// The same per-chunk deadline given to the read itself through a linked token with CancelAfter: the await ends only when
// the read has completed (or was cancelled and released its buffer), so the finally returns a chunk nothing writes into.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.InFlight.HasherDeadlineOnRead;

public sealed class ChunkedHasher(IoRing ring, TimeSpan perChunk)
{
    public async Task<byte[]?> HashAsync(SafeFileHandle file, long length, CancellationToken ct)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(1 << 20);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            for (long offset = 0; offset < length;)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(perChunk);
                int n;
                try
                {
                    n = await ring.ReadAsync(file, chunk, offset, deadline.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    return null;
                }

                if (n == 0)
                {
                    break;
                }

                hash.AppendData(chunk, 0, n);
                offset += n;
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
