// A per-thread scratch buffer reached through a property is kept across an await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class RecordReader(IoRing ring)
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    private static byte[] Scratch => t_scratch ??= new byte[4096];

    public async Task<int> ChecksumAsync(int fd, long offset, CancellationToken cancellationToken)
    {
        byte[] scratch = Scratch;
        int n = await ring.ReadAsync(fd, scratch, offset, cancellationToken);
        int sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += /*~ASYS1002*/scratch[i];
        }

        return sum;
    }
}
