using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Tasks.TableScan;

/// <summary>A table scan exposes its pages as a plain IEnumerable for LINQ callers, reading each page through the ring.</summary>
internal sealed class TableScan(IoRing ring, int fd, int pageSize, long pageCount)
{
    public IEnumerable<ReadOnlyMemory<byte>> Pages()
    {
        byte[] page = new byte[pageSize];
        for (long i = 0; i < pageCount; i++)
        {
            ValueTask<int> read = ring.ReadAsync(fd, page, i * pageSize);
            int n = /*~ASYS1006*/read.Result;   // the read is most likely still in flight: .Result on a pending ValueTask is not a wait
            if (n == 0)
            {
                yield break;
            }

            yield return page.AsMemory(0, n);
        }
    }
}
