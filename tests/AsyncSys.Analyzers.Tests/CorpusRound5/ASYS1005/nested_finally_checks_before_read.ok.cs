using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.NestedFinallyOk;

internal sealed class BlockReader(IoRing ring, int fd, long fileLength)
{
    private long _reads;

    private void CheckRange(long offset, int length)
    {
        if (offset + length > fileLength)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "block past the end of the file");
        }
    }

    public async Task<int> ReadChecksumAsync(long offset, int length, CancellationToken cancellationToken)
    {
        CheckRange(offset, length);   // before anything is submitted
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            try
            {
                int n = await ring.ReadAsync(fd, rented.AsMemory(0, length), offset, cancellationToken);
                int sum = 0;
                foreach (byte b in rented.AsSpan(0, n))
                {
                    sum += b;
                }

                return sum;
            }
            finally
            {
                Interlocked.Increment(ref _reads);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
