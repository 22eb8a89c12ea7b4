// A driver keeps "the connection this thread's transaction is using" in a map keyed by the managed thread id, so a
// nested command issued on the same thread reuses it. The entry is added before the query's send and removed after
// the reply is awaited: by then the method runs on another thread, so it removes the key of the thread it started on,
// which may already belong to another query's transaction (whose connection is then forgotten mid-transaction).
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.PerThread.TransactionScopeByThread;

public sealed record PooledConnection(int Fd, string Server);

public sealed class AmbientTransactions(IoRing ring)
{
    private readonly ConcurrentDictionary<int, PooledConnection> _enlistedByThread = new();

    public PooledConnection? Current =>
        _enlistedByThread.TryGetValue(Environment.CurrentManagedThreadId, out var connection) ? connection : null;

    public async Task<int> ExecuteAsync(PooledConnection connection, ReadOnlyMemory<byte> query, Memory<byte> reply, CancellationToken ct)
    {
        int owner = Environment.CurrentManagedThreadId;
        _enlistedByThread[owner] = connection;
        await ring.SendAsync(connection.Fd, query, MessageFlags.None, ct);
        int received = await ring.ReceiveAsync(connection.Fd, reply, MessageFlags.None, ct);
        _enlistedByThread.TryRemove(/*~ASYS1002*/owner, out _);
        return received;
    }
}
