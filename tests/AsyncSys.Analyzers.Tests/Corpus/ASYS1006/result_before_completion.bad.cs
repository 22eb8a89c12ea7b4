// .Result on a ring read that has not completed is not a wait.
using System;
using AsyncSys;

namespace Corpus;

internal static class Config
{
    public static int ReadHeader(IoRing ring, int fd, byte[] header)
    {
        return /*~ASYS1006*/ring.ReadAsync(fd, header, 0).Result;
    }
}
