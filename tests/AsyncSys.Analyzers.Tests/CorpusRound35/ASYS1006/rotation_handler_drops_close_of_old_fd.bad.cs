// When the tailer sees its file renamed away (rotation) it switches to the new inode and closes the old descriptor from
// a synchronous event handler by starting the ring close and dropping its ValueTask. A failed close is never seen and
// the pooled operation source behind the ValueTask is never returned.
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.RotationCloseDropped;

public sealed class RotationTracker(IoRing ring)
{
    private int _fd = -1;
    private ulong _inode;

    public void OnRotated(int newFd, ulong newInode)
    {
        int old = _fd;
        _fd = newFd;
        _inode = newInode;
        if (old >= 0)
        {
            /*~ASYS1006*/ring.CloseAsync(old);
        }
    }

    public ulong Inode => _inode;
}
