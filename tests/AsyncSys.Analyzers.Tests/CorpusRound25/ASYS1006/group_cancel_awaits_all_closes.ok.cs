// The same group cancellation, keeping each close as a Task and awaiting them all before the group reports cancelled.
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.ValueTasks.GroupCancelAwaitsCloses;

public sealed class DownloadGroup(IoRing ring)
{
    private readonly List<int> _sockets = new();

    public void Add(int socketFd) => _sockets.Add(socketFd);

    public async Task CancelAsync()
    {
        ring.CancelAll();
        var closes = new List<Task>(_sockets.Count);
        foreach (int socketFd in _sockets)
        {
            closes.Add(ring.CloseAsync(socketFd).AsTask());
        }

        await Task.WhenAll(closes);
        _sockets.Clear();
    }
}
