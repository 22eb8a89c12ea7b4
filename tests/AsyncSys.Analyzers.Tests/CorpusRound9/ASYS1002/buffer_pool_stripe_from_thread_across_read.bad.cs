using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Threads.BufferPoolStripes;

/// <summary>A buffer pool counts page reads in flight per stripe, so a checkpoint can wait for zero without one contended counter.</summary>
internal sealed class BufferPool(IoRing ring, int fd, int pageSize)
{
    private const int Stripes = 16;
    private const int Padding = 16;   // one stripe per cache line
    private readonly int[] _inFlight = new int[Stripes * Padding];

    public async ValueTask<int> ReadPageAsync(long pageId, Memory<byte> frame, CancellationToken cancellationToken)
    {
        // each thread owns one stripe, so plain ++ and -- need no atomics: true only while the code stays on that thread
        int stripe = (Environment.CurrentManagedThreadId & (Stripes - 1)) * Padding;
        _inFlight[stripe]++;
        try
        {
            return await ring.ReadAsync(fd, frame, pageId * pageSize, cancellationToken);
        }
        finally
        {
            // another thread now decrements the first thread's stripe while that thread increments it: counts are lost
            _inFlight[/*~ASYS1002*/stripe]--;
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
