using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Tasks.TableScanOk;

/// <summary>A table scan exposes its pages as an IAsyncEnumerable, awaiting each page's read.</summary>
internal sealed class TableScan(IoRing ring, int fd, int pageSize, long pageCount)
{
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] page = new byte[pageSize];
        for (long i = 0; i < pageCount; i++)
        {
            int n = await ring.ReadAsync(fd, page, i * pageSize, cancellationToken);
            if (n == 0)
            {
                yield break;
            }

            yield return page.AsMemory(0, n);
        }
    }
}
