// The same replay with the open transaction held in an AsyncLocal: it flows with the async method, so clearing it after
// the awaited loop clears this operation's value whatever thread the method ends on.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round20.PerThread.TransactionAsyncLocal;

public sealed class Transaction
{
    public List<(string Key, byte[] Value)> Writes { get; } = [];
}

public sealed class KvStore
{
    private static readonly AsyncLocal<Transaction?> s_current = new();

    public async Task ReplayAsync(ChannelReader<(string Key, byte[] Value)> batch, CancellationToken ct)
    {
        var txn = new Transaction();
        s_current.Value = txn;
        try
        {
            await foreach (var (key, value) in batch.ReadAllAsync(ct))
            {
                txn.Writes.Add((key, value));
            }
        }
        finally
        {
            s_current.Value = null;
        }
    }
}
