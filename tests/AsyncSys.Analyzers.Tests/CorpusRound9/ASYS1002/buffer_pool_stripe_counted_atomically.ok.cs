using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Threads.BufferPoolStripesOk;

/// <summary>A buffer pool counts page reads in flight per stripe; the stripe only spreads contention, and any thread may update it.</summary>
internal sealed class BufferPool(IoRing ring, int fd, int pageSize)
{
    private const int Stripes = 16;
    private const int Padding = 16;
    private readonly int[] _inFlight = new int[Stripes * Padding];

    public async ValueTask<int> ReadPageAsync(long pageId, Memory<byte> frame, CancellationToken cancellationToken)
    {
        int stripe = (Environment.CurrentManagedThreadId & (Stripes - 1)) * Padding;
        Interlocked.Increment(ref _inFlight[stripe]);
        try
        {
            return await ring.ReadAsync(fd, frame, pageId * pageSize, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[stripe]);   // atomic: right whichever thread resumed here
        }
    }

    public int InFlight
    {
        get
        {
            int sum = 0;
            for (int i = 0; i < _inFlight.Length; i += Padding)
            {
                sum += Volatile.Read(ref _inFlight[i]);
            }

            return sum;
        }
    }
}
