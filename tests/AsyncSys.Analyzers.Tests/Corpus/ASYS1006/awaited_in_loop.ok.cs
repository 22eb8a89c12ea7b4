// Each iteration starts its own poll and awaits it once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Watcher
{
    public static async Task<int> WaitReadableAsync(IoRing ring, int fd, int rounds, CancellationToken cancellationToken)
    {
        int readable = 0;
        for (int i = 0; i < rounds; i++)
        {
            ValueTask<PollEvents> poll = ring.PollAsync(fd, PollEvents.In, cancellationToken);
            PollEvents events = await poll;
            if ((events & PollEvents.In) != 0)
            {
                readable++;
            }
        }

        return readable;
    }
}
