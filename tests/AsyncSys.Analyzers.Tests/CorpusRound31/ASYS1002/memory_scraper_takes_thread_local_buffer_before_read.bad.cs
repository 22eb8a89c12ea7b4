// A per-container memory scraper keeps one small read buffer per thread (ThreadLocal) for memory.current and takes it
// before awaiting the ring read. The method resumes on another pool thread; meanwhile the first thread scrapes the next
// container and reads into the same "its own" array, so this call parses the other container's value (or a mix).
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.PerThread.MemoryScraperThreadLocalBuffer;

public sealed class MemoryScraper(IoRing ring)
{
    private static readonly ThreadLocal<byte[]> s_readBuffer = new(() => new byte[64]);

    public async Task<long> ReadMemoryCurrentAsync(int memoryCurrentFd, CancellationToken ct)
    {
        byte[] buffer = s_readBuffer.Value!;
        int n = await ring.ReadAsync(memoryCurrentFd, buffer, 0, ct);
        string text = Encoding.ASCII.GetString(/*~ASYS1002*/buffer, 0, n);
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
