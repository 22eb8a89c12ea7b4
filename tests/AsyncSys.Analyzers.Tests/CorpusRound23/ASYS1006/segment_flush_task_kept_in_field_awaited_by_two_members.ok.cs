// A segment keeps the task of its last fdatasync, converted once with AsTask, in a field; both FlushAsync and
// DisposeAsync await it. A Task may be awaited any number of times.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.FlushTaskInField;

public sealed class Segment(IoRing ring, int segmentFd) : IAsyncDisposable
{
    private Task _lastSync = Task.CompletedTask;

    public void SyncInBackground(CancellationToken ct)
    {
        _lastSync = ring.FdatasyncAsync(segmentFd, ct).AsTask();
    }

    public Task FlushAsync() => _lastSync;

    public async ValueTask DisposeAsync()
    {
        await _lastSync;
        await ring.CloseAsync(segmentFd);
    }
}
