// A duplicate finder gives each chunk read a deadline (a stuck NFS mount must not stall the scan): when WaitAsync times
// out it skips the file, and the finally returns the chunk to the pool while the read is still in flight; the kernel
// later writes that file's bytes into a buffer another hasher has rented, and that hasher's digest is wrong.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.InFlight.HasherTimeoutReturnsChunk;

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
                Task<int> read = ring.ReadAsync(file, chunk, offset, ct).AsTask();
                int n;
                try
                {
                    n = await read.WaitAsync(perChunk, ct);
                }
                catch (TimeoutException)
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
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
