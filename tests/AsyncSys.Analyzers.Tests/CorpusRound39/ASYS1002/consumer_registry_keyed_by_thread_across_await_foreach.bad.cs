// A consumer group member registers itself in a process-wide table keyed by the id of the thread it starts on, then
// consumes fetched batches with await foreach. Every batch resumes on some pool thread, so the thread the key names is
// soon running other members: a second member that starts on that thread finds the key taken and refuses to start, and
// the finally removes the entry by that stale key, which by then may be the other member's registration.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Round39.PerThread.ConsumerRegistryByThread;

public readonly record struct FetchedBatch(long BaseOffset, int Count);

public static class ConsumerRegistry
{
    private static readonly ConcurrentDictionary<int, string> s_memberByThread = new();

    public static async Task<long> ConsumeAsync(
        string memberId, IAsyncEnumerable<FetchedBatch> batches, Func<FetchedBatch, ValueTask> handle, CancellationToken ct)
    {
        int thread = Environment.CurrentManagedThreadId;
        if (!s_memberByThread.TryAdd(thread, memberId))
        {
            throw new InvalidOperationException("another member is consuming on this thread");
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
            /*~ASYS1002*/s_memberByThread.TryRemove(thread, out _);
        }

        return consumed;
    }
}
