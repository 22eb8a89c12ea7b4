// The tailer counts newlines of each chunk in a per-thread scratch table taken after the read's await and used only
// until the next await: on every iteration it is the scratch of the thread running that iteration.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.ScratchBetweenAwaits;

public sealed class LineCounter(IoRing ring, int fd)
{
    [ThreadStatic]
    private static int[]? t_histogram;

    public async Task<long> CountAsync(CancellationToken ct)
    {
        byte[] chunk = new byte[16 * 1024];
        long offset = 0, lines = 0;
        while (true)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                return lines;
            }

            int[] histogram = t_histogram ??= new int[256];
            Array.Clear(histogram);
            foreach (byte b in chunk.AsSpan(0, n))
            {
                histogram[b]++;
            }

            lines += histogram['\n'];
            offset += n;
        }
    }
}
