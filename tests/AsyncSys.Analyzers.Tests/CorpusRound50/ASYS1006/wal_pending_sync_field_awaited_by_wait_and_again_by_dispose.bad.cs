// A WAL keeps the ValueTask of its last fdatasync in a field: Commit starts it, WaitDurableAsync awaits it, and DisposeAsync awaits the same field again to make sure the sync ended; after WaitDurableAsync the ValueTask's source has gone back to the ring and may belong to another operation.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.WalPendingSyncBad;

internal sealed class Wal(IoRing ring, int fd) : IAsyncDisposable
{
    private ValueTask _pendingSync;
    private long _offset;

    public async ValueTask CommitAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        await ring.WriteAsync(fd, record, _offset, ct).ConfigureAwait(false);
        _offset += record.Length;
        _pendingSync = ring.FdatasyncAsync(fd, ct);
    }

    public async ValueTask WaitDurableAsync() => await _pendingSync.ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await /*~ASYS1006*/_pendingSync.ConfigureAwait(false);
        await ring.CloseAsync(fd).ConfigureAwait(false);
    }
}
