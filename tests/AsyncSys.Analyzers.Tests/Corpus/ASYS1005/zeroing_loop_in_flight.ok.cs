// The head is zeroed before the read is submitted.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Sector
{
    public static async Task<int> ReadSectorAsync(IoRing ring, int fd, byte[] sector, long lba, CancellationToken cancellationToken)
    {
        for (int i = 0; i < 16; i++)
        {
            sector[i] = 0;
        }

        return await ring.ReadAsync(fd, sector, lba * 512, cancellationToken);
    }
}
