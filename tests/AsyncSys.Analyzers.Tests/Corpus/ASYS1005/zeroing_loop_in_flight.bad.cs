// A loop zeroes the buffer's head while the read into it is in flight.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Sector
{
    public static async Task<int> ReadSectorAsync(IoRing ring, int fd, byte[] sector, long lba, CancellationToken cancellationToken)
    {
        ValueTask<int> read = ring.ReadAsync(fd, sector, lba * 512, cancellationToken);
        for (int i = 0; i < 16; i++)
        {
            /*~ASYS1005*/sector[i] = 0;
        }

        return await read;
    }
}
