// A WAL keeps its last fdatasync as a Task (converted once with AsTask) in a field: Commit starts it, WaitDurableAsync awaits it, and DisposeAsync awaits the same Task again to make sure the sync ended; a Task may be awaited any number of times.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.WalPendingSyncOk;

internal sealed class Wal(IoRing ring, int fd) : IAsyncDisposable
{
    private Task _pendingSync = Task.CompletedTask;
    private long _offset;

    public async ValueTask CommitAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        await ring.WriteAsync(fd, record, _offset, ct).ConfigureAwait(false);
        _offset += record.Length;
        _pendingSync = ring.FdatasyncAsync(fd, ct).AsTask();
    }

    public async ValueTask WaitDurableAsync() => await _pendingSync.ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _pendingSync.ConfigureAwait(false);
        await ring.CloseAsync(fd).ConfigureAwait(false);
    }
}
