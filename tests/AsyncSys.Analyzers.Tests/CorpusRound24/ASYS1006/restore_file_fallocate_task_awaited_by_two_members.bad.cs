// A restore target starts reserving the file's space with fallocate in its constructor and keeps the ValueTask in a
// field. WriteAsync awaits it before the first block, and CommitAsync awaits it again before the fsync to surface an
// ENOSPC that was missed. AsyncSys recycles the operation's source after the first await: the second may observe
// another operation's result or throw, and the commit reports success or failure of something else.
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.RestoreFallocateTwice;

public sealed class RestoreTarget
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly ValueTask _reserve;

    public RestoreTarget(IoRing ring, int fd, long size)
    {
        _ring = ring;
        _fd = fd;
        _reserve = ring.FallocateAsync(fd, 0, 0, size);
    }

    public async Task WriteAsync(byte[] block, long offset)
    {
        await _reserve;
        await _ring.WriteAsync(_fd, block, offset);
    }

    public async Task CommitAsync()
    {
        /*~ASYS1006*/await _reserve;
        await _ring.FsyncAsync(_fd);
    }
}
