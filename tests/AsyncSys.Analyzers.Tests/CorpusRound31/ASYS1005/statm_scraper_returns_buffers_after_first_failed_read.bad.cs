// A node agent sums the RSS of every process of a container by reading all their /proc/<pid>/statm files in parallel,
// each into a pooled buffer. It awaits the reads one by one; a process that exited meanwhile fails its read (ESRCH),
// the loop leaves early and the finally returns every buffer to the pool, while the later reads are still running and
// write into arrays other scrapers have rented since.
using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.StatmScraperEarlyReturn;

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
            for (int i = 0; i < reads.Length; i++)
            {
                int n = await reads[i];
                pages += ParseRss(buffers[i].AsSpan(0, n));
            }
        }
        finally
        {
            foreach (byte[] buffer in buffers)
            {
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
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
