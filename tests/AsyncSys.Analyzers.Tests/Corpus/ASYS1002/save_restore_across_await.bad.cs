// Save before the await, restore after it: the restore writes another thread's field.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Suppression
{
    [ThreadStatic]
    private static bool t_suppressed;

    public static async Task<int> ProbeAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        bool previous = t_suppressed;
        t_suppressed = true;
        try
        {
            PollEvents events = await ring.PollAsync(fd, PollEvents.In, cancellationToken);
            return (int)events;
        }
        finally
        {
            /*~ASYS1002*/t_suppressed = previous;
        }
    }
}
