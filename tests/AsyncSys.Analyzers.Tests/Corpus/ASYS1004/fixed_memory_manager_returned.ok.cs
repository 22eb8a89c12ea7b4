// The array itself is passed: the ring pins it for the whole operation.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class BlockWriter
{
    public static ValueTask<int> WriteBlockAsync(IoRing ring, int fd, byte[] block, long offset)
    {
        return ring.WriteAtMostAsync(fd, block.AsMemory(), offset);
    }
}
