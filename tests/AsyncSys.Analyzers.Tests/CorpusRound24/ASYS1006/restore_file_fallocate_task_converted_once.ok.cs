// The restore target made right: the constructor converts the fallocate's ValueTask to a Task once, and a Task may be
// awaited by both members as often as they like.
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.RestoreFallocateOnce;

public sealed class RestoreTarget
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly Task _reserve;

    public RestoreTarget(IoRing ring, int fd, long size)
    {
        _ring = ring;
        _fd = fd;
        _reserve = ring.FallocateAsync(fd, 0, 0, size).AsTask();
    }

    public async Task WriteAsync(byte[] block, long offset)
    {
        await _reserve;
        await _ring.WriteAsync(_fd, block, offset);
    }

    public async Task CommitAsync()
    {
        await _reserve;
        await _ring.FsyncAsync(_fd);
    }
}
