// A callback stored in a field starts a flush and drops its task.
using System;
using AsyncSys;

namespace Corpus;

internal sealed class Journal(IoRing ring)
{
    private readonly Action<int> _onRotate = fd =>
    {
        /*~ASYS1006*/IoRing.Shared.FdatasyncAsync(fd);
    };

    public IoRing Ring { get; } = ring;

    public void Rotate(int fd) => _onRotate(fd);
}
