// A poll started once before the loop is awaited on every iteration.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Watcher
{
    public static async Task<int> WaitReadableAsync(IoRing ring, int fd, int rounds, CancellationToken cancellationToken)
    {
        ValueTask<PollEvents> poll = ring.PollAsync(fd, PollEvents.In, cancellationToken);
        int readable = 0;
        for (int i = 0; i < rounds; i++)
        {
            PollEvents events = /*~ASYS1006*/await poll;
            if ((events & PollEvents.In) != 0)
            {
                readable++;
            }
        }

        return readable;
    }
}
