// Blocking on a ValueTask the sanctioned way: convert once to a Task, then wait on the Task.
using System;
using AsyncSys;

namespace Corpus;

internal static class Config
{
    public static int ReadHeader(IoRing ring, int fd, byte[] header)
    {
        return ring.ReadAsync(fd, header, 0).AsTask().GetAwaiter().GetResult();
    }
}
