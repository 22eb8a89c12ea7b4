// A preview pane races the page read against a timeout with Task.WhenAny over read.AsTask(), then awaits the original
// ValueTask to get the byte count. AsTask already consumed it; the second consumption may observe a recycled
// operation (another preview's read) or throw.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.PreviewAwaitsAfterAsTask;

public sealed class PreviewPane(IoRing ring)
{
    public async Task<int> LoadPreviewAsync(int fd, Memory<byte> page)
    {
        ValueTask<int> read = ring.ReadAsync(fd, page, 0);
        Task<int> readTask = read.AsTask();
        if (await Task.WhenAny(readTask, Task.Delay(2000)) != readTask)
        {
            return -1;
        }

        return /*~ASYS1006*/await read;
    }
}
