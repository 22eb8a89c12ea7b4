// An async "Open" handler takes a synchronous fast path only when the header read already completed successfully,
// and awaits the ValueTask otherwise: each path consumes it once.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.OpenHandlerFastPath;

public sealed class OpenButton(IoRing ring, Action<bool> showViewer)
{
    private readonly byte[] _header = new byte[8];

    public async Task OnClickAsync(int fd)
    {
        ValueTask<int> read = ring.ReadAsync(fd, _header, 0);
        int n = read.IsCompletedSuccessfully ? read.Result : await read;
        showViewer(n == 8 && _header[0] == 0x89);
    }
}
