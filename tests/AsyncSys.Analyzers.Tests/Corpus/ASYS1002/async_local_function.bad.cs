// An async local function keeps Thread.CurrentThread across its await and renames that thread afterwards.
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
            Thread self = Thread.CurrentThread;
            while (!cancellationToken.IsCancellationRequested)
            {
                await ring.PollAsync(fd, PollEvents.In, cancellationToken);
                /*~ASYS1002*/self.Name ??= "poller";
            }
        }
    }
}
