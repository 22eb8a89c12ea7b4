using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.NestedFinally;

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
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            ValueTask<int> read = ring.ReadAsync(fd, rented.AsMemory(0, length), offset, cancellationToken);
            try
            {
                CheckRange(offset, length);   // throws with the read already submitted
                int n = await read;
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
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
