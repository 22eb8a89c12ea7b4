// Both operations are awaited with ConfigureAwait(false).
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Checkpoint
{
    public static async Task SaveAsync(IoRing ring, int fd, byte[] state)
    {
        await ring.WriteAsync(fd, state, 0).ConfigureAwait(false);
        await ring.FsyncAsync(fd).ConfigureAwait(false);
    }
}
