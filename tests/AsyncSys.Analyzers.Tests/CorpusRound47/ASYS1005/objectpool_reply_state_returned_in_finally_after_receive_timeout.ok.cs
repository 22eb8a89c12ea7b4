// A Redis-style client rents its reply state (which owns the reply buffer) from an ObjectPool, starts a receive into the state's buffer and waits for it with a timeout; the state goes back to the pool only after the receive completed, and a timed-out state is abandoned to the collector with its receive.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.PooledReceiveStateOk;

/// <summary>Per-request state a Redis-style client rents instead of allocating: the reply buffer and the parse position.</summary>
internal sealed class ReplyState
{
    public byte[] Buffer { get; } = new byte[16 * 1024];

    public int Parsed;

    public void Reset() => Parsed = 0;
}

/// <summary>A pool in the shape of Microsoft.Extensions.ObjectPool's DefaultObjectPool: Get or create, Return to reuse.</summary>
internal sealed class ObjectPool<T>(Func<T> create, Action<T> reset) where T : class
{
    private readonly ConcurrentBag<T> _items = new();

    public T Get() => _items.TryTake(out T? item) ? item : create();

    public void Return(T item)
    {
        reset(item);
        _items.Add(item);
    }
}

internal sealed class ReplyReader(IoRing ring, ObjectPool<ReplyState> pool)
{
    public async Task<string> ReadReplyAsync(int socket, TimeSpan timeout, CancellationToken ct)
    {
        ReplyState state = pool.Get();
        ValueTask<int> receive = ring.ReceiveAsync(socket, state.Buffer, MessageFlags.None, ct);
        int n = await receive.AsTask().WaitAsync(timeout, ct).ConfigureAwait(false);
        string reply = System.Text.Encoding.ASCII.GetString(state.Buffer, 0, n);
        pool.Return(state);
        return reply;
    }
}
