// An embedded key-value store marks "a transaction is open on this thread" in a [ThreadStatic] field while it replays
// a batch from a channel. The replay awaits the channel reader, so the method ends on another thread: it clears that
// thread's marker (possibly another transaction's) and leaves the first thread's set, which then refuses every later
// transaction started on it ("nested transaction").
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round20.PerThread.TransactionMarkerAcrossAwaitForeach;

public sealed class Transaction
{
    public List<(string Key, byte[] Value)> Writes { get; } = [];
}

public sealed class KvStore
{
    [ThreadStatic] private static Transaction? t_current;

    public async Task ReplayAsync(ChannelReader<(string Key, byte[] Value)> batch, CancellationToken ct)
    {
        var txn = new Transaction();
        t_current = txn;
        try
        {
            await foreach (var (key, value) in batch.ReadAllAsync(ct))
            {
                txn.Writes.Add((key, value));
            }
        }
        finally
        {
            /*~ASYS1002*/t_current = null;
        }
    }
}
