// The same eviction returning the victims' buffers only after every write-back has completed.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.EvictionReturnsAfterWriteBack;

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
        }

        try
        {
            await Task.WhenAll(writeBacks);
        }
        finally
        {
            foreach (CachedPage victim in victims)
            {
                ArrayPool<byte>.Shared.Return(victim.Buffer);
            }
        }
    }
}
