// Cancelling a whole download group closes every connection of the group through the ring, in a loop, without keeping
// the close operations. Their errors are lost and the method returns while the closes are still pending; the group
// then deletes the temp files and reports "cancelled" while sockets (and their fds) are still open, and a new group
// may be handed a reused fd number that the pending close then closes.
using System.Collections.Generic;
using AsyncSys;

namespace Round25.ValueTasks.GroupCancelDiscardsClose;

public sealed class DownloadGroup(IoRing ring)
{
    private readonly List<int> _sockets = new();

    public void Add(int socketFd) => _sockets.Add(socketFd);

    public void Cancel()
    {
        ring.CancelAll();
        foreach (int socketFd in _sockets)
        {
            /*~ASYS1006*/ring.CloseAsync(socketFd);
        }

        _sockets.Clear();
    }
}
