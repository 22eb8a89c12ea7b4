// The same consumer registry keyed by the member id; the starting thread's id is kept only to be logged when the member
// stops, which says where it started and claims nothing about where it runs now.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Round39.PerThread.ConsumerRegistryByMember;

public readonly record struct FetchedBatch(long BaseOffset, int Count);

public static class ConsumerRegistry
{
    private static readonly ConcurrentDictionary<string, long> s_consumedByMember = new();

    public static async Task<long> ConsumeAsync(
        string memberId, IAsyncEnumerable<FetchedBatch> batches, Func<FetchedBatch, ValueTask> handle, TextWriter log, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        if (!s_consumedByMember.TryAdd(memberId, 0))
        {
            throw new InvalidOperationException("member " + memberId + " is already consuming");
        }

        long consumed = 0;
        try
        {
            await foreach (FetchedBatch batch in batches.WithCancellation(ct))
            {
                await handle(batch);
                consumed += batch.Count;
            }
        }
        finally
        {
            s_consumedByMember.TryRemove(memberId, out _);
            log.WriteLine($"member {memberId} stopped after {consumed} records (started on thread {startedOn})");
        }

        return consumed;
    }
}
