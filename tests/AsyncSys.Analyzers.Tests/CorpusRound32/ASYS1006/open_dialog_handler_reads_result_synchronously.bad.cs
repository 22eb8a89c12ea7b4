// A synchronous "Open" button handler reads the file's header with the ring and takes .Result to decide which viewer to
// show. The ValueTask is not complete when Result is read: it throws, or on a backend that blocks the UI thread waits
// while the completion needs that thread.
using System;
using AsyncSys;

namespace Round32.Unobserved.OpenHandlerResult;

public sealed class OpenButton(IoRing ring, Action<bool> showViewer)
{
    private readonly byte[] _header = new byte[8];

    public void OnClick(int fd)
    {
        int n = /*~ASYS1006*/ring.ReadAsync(fd, _header, 0).Result;
        showViewer(n == 8 && _header[0] == 0x89);
    }
}
