// ConfigureAwait(false) on an fsync whose await was forgotten: the configured awaitable is dropped.
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Checkpoint
{
    public static async Task SaveAsync(IoRing ring, int fd, byte[] state)
    {
        await ring.WriteAsync(fd, state, 0).ConfigureAwait(false);
        /*~ASYS1006*/ring.FsyncAsync(fd).ConfigureAwait(false);
    }
}
