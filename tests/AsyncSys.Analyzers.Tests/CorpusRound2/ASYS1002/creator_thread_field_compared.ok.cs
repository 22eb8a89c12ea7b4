// A session remembers the thread that created it in a field and compares it with the current thread after awaits.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed class Session(IoRing ring, int fd)
{
    private readonly int _creatorThread = Environment.CurrentManagedThreadId;

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        await ring.PollAsync(fd, PollEvents.Out, cancellationToken);
        bool moved = _creatorThread != Environment.CurrentManagedThreadId;
        await ring.SendAsync(fd, new byte[] { 1 }, MessageFlags.None, cancellationToken);
        return moved;
    }
}
