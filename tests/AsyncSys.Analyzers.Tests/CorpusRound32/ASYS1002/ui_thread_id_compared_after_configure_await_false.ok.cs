// A viewer remembers the UI thread's id when it loads and, after reading with ConfigureAwait(false), compares it with
// the current thread on purpose: off the UI thread it posts the page to the UI context instead of touching the view.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.PerThread.UiThreadIdCompared;

public sealed class PageView(IoRing ring, SynchronizationContext ui, Action<int> showPage)
{
    private readonly int _uiThread = Environment.CurrentManagedThreadId;

    public async Task LoadPageAsync(int fd, Memory<byte> page, long offset)
    {
        int n = await ring.ReadAsync(fd, page, offset).ConfigureAwait(false);
        if (Environment.CurrentManagedThreadId == _uiThread)
        {
            showPage(n);
        }
        else
        {
            ui.Post(static state => ((Action)state!)(), (Action)(() => showPage(n)));
        }
    }
}
