// The statm scraper made right: all reads are awaited together with Task.WhenAll, which completes (also when one read
// fails with ESRCH) only after every read has, so the finally returns buffers no read is still writing.
using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.StatmScraperWhenAll;

public sealed class StatmScraper(IoRing ring)
{
    public async Task<long> SumRssPagesAsync(int[] statmFds, CancellationToken ct)
    {
        var buffers = new byte[statmFds.Length][];
        var reads = new Task<int>[statmFds.Length];
        for (int i = 0; i < statmFds.Length; i++)
        {
            buffers[i] = ArrayPool<byte>.Shared.Rent(256);
            reads[i] = ring.ReadAsync(statmFds[i], buffers[i], 0, ct).AsTask();
        }

        long pages = 0;
        try
        {
            int[] counts = await Task.WhenAll(reads);
            for (int i = 0; i < counts.Length; i++)
            {
                pages += ParseRss(buffers[i].AsSpan(0, counts[i]));
            }
        }
        finally
        {
            foreach (byte[] buffer in buffers)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return pages;
    }

    private static long ParseRss(ReadOnlySpan<byte> statm)
    {
        string[] fields = Encoding.ASCII.GetString(statm).Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
