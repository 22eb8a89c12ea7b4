// The depth counter is an AsyncLocal, which flows with the async call.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class CallbackGuard(IoRing ring)
{
    private static readonly AsyncLocal<int> s_depth = new();

    public async Task RunAsync(int fd, CancellationToken cancellationToken)
    {
        s_depth.Value++;
        try
        {
            await ring.FsyncAsync(fd, cancellationToken);
        }
        finally
        {
            s_depth.Value--;
        }
    }
}
