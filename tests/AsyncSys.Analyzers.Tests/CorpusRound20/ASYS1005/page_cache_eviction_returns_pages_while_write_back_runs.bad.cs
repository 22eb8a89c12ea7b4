// A page cache evicts a batch of victims: it starts a write-back for each dirty page and returns the page's buffer to
// the pool in the same loop iteration, awaiting all write-backs at the end. A returned page is rented at once by a
// miss on another key and filled with that key's data while its write-back still reads it, so the evicted page is
// written to disk with foreign bytes.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.EvictionReturnsDuringWriteBack;

public sealed record CachedPage(long PageNumber, byte[] Buffer, long FileOffset, bool Dirty);

public sealed class PageCache(IoRing ring, int dataFd)
{
    private const int PageSize = 8192;
    private readonly Dictionary<long, CachedPage> _index = new();

    public async Task EvictAsync(List<CachedPage> victims, CancellationToken ct)
    {
        var writeBacks = new List<Task>(victims.Count);
        foreach (CachedPage victim in victims)
        {
            if (victim.Dirty)
            {
                writeBacks.Add(ring.WriteAsync(dataFd, victim.Buffer.AsMemory(0, PageSize), victim.FileOffset, ct).AsTask());
            }

            _index.Remove(victim.PageNumber);
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(victim.Buffer);
        }

        await Task.WhenAll(writeBacks);
    }
}
