// Result is read only where IsCompleted (or a property pattern on it) says the operation finished.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class FastPath
{
    public static async ValueTask<int> ReceiveAsync(IoRing ring, int socket, byte[] buffer, CancellationToken cancellationToken)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socket, buffer, MessageFlags.None, cancellationToken);
        return receive.IsCompleted ? receive.Result : await receive;
    }

    public static async ValueTask<PollEvents> PollAsync(IoRing ring, int fd)
    {
        ValueTask<PollEvents> poll = ring.PollAsync(fd, PollEvents.In);
        if (poll is { IsCompletedSuccessfully: true })
        {
            return poll.Result;
        }

        return await poll;
    }
}
