// GetAwaiter().GetResult() directly on the ValueTask of a ring fsync.
using System;
using AsyncSys;

namespace Corpus;

internal sealed class Segment(IoRing ring, int fd)
{
    public void Seal()
    {
        /*~ASYS1006*/ring.FsyncAsync(fd).GetAwaiter().GetResult();
    }
}
