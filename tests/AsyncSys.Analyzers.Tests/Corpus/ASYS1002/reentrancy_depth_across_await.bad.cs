// A [ThreadStatic] depth counter incremented before an await and decremented after it: two different fields.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class CallbackGuard(IoRing ring)
{
    [ThreadStatic]
    private static int t_depth;

    public async Task RunAsync(int fd, CancellationToken cancellationToken)
    {
        t_depth++;
        try
        {
            await ring.FsyncAsync(fd, cancellationToken);
        }
        finally
        {
            /*~ASYS1002*/t_depth--;
        }
    }
}
