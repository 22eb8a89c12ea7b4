// The fsync is awaited by an async Seal.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class Segment(IoRing ring, int fd)
{
    public async Task SealAsync()
    {
        await ring.FsyncAsync(fd);
    }
}
