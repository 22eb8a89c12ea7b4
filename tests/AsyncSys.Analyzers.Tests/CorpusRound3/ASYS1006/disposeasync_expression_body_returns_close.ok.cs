using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Files;

public sealed class RingFile : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public RingFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public ValueTask SyncAsync() => _ring.FsyncAsync(_fd);

    public ValueTask DisposeAsync() => _ring.CloseAsync(_fd);

    public static async Task AppendAndCloseAsync(IoRing ring, int fd, ReadOnlyMemory<byte> data)
    {
        await using var file = new RingFile(ring, fd);
        await ring.WriteAsync(fd, data, -1);
        await file.SyncAsync();
    }
}
