using System;
using AsyncSys;

namespace Round3.Files;

public sealed class RingFile : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public RingFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public int Descriptor => _fd;

    public void Dispose() => /*~ASYS1006*/_ring.CloseAsync(_fd);
}
