// The local function names the thread it runs on right now.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Workers
{
    public static Task RunAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        return Serve();

        async Task Serve()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await ring.PollAsync(fd, PollEvents.In, cancellationToken);
                Thread.CurrentThread.Name ??= "poller";
            }
        }
    }
}
