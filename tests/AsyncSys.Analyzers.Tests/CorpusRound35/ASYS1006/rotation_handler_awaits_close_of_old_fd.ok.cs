// The rotation handler is async and awaits the close of the old descriptor.
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.RotationCloseAwaited;

public sealed class RotationTracker(IoRing ring)
{
    private int _fd = -1;
    private ulong _inode;

    public async Task OnRotatedAsync(int newFd, ulong newInode)
    {
        int old = _fd;
        _fd = newFd;
        _inode = newInode;
        if (old >= 0)
        {
            await ring.CloseAsync(old);
        }
    }

    public ulong Inode => _inode;
}
