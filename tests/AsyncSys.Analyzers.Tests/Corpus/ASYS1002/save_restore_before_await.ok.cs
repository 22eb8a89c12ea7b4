// Save and restore of a [ThreadStatic] flag both happen before the await, on one thread.
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
            Validate(fd);
        }
        finally
        {
            t_suppressed = previous;
        }

        PollEvents events = await ring.PollAsync(fd, PollEvents.In, cancellationToken);
        return (int)events;
    }

    private static void Validate(int fd)
    {
        if (fd < 0 && !t_suppressed)
        {
            throw new ArgumentOutOfRangeException(nameof(fd));
        }
    }
}
