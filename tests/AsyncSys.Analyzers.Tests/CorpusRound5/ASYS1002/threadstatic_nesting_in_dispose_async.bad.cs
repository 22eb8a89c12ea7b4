using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.DisposeAsyncNesting;

internal sealed class Journal(IoRing ring, int fd) : IAsyncDisposable
{
    // How many journals this thread is closing: nested closes skip the directory sync.
    [ThreadStatic]
    private static int t_closing;

    public async ValueTask DisposeAsync()
    {
        t_closing++;
        try
        {
            await ring.FsyncAsync(fd);
            await ring.CloseAsync(fd);
        }
        finally
        {
            /*~ASYS1002*/t_closing--;   // the thread that resumed here is not the one that counted up
        }
    }
}
