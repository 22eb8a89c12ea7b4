// The preview pane made right: it keeps only the Task from AsTask and awaits that (a Task may be awaited again).
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.PreviewAwaitsTask;

public sealed class PreviewPane(IoRing ring)
{
    public async Task<int> LoadPreviewAsync(int fd, Memory<byte> page)
    {
        Task<int> readTask = ring.ReadAsync(fd, page, 0).AsTask();
        if (await Task.WhenAny(readTask, Task.Delay(2000)) != readTask)
        {
            return -1;
        }

        return await readTask;
    }
}
