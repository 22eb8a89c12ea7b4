// A buffer owned by the call instead of the thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class RecordReader(IoRing ring)
{
    private static byte[] NewScratch() => new byte[4096];

    public async Task<int> ChecksumAsync(int fd, long offset, CancellationToken cancellationToken)
    {
        byte[] scratch = NewScratch();
        int n = await ring.ReadAsync(fd, scratch, offset, cancellationToken);
        int sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += scratch[i];
        }

        return sum;
    }
}
