// A stress test reads 64 pages of a fixture file concurrently with Parallel.ForEachAsync and checks each page's stamp. The scratch array is allocated once outside the loop and captured by the body: up to eight reads fill the same array at once, so a body checks a page another body's read just overwrote and the test fails (or passes) at random.
using System;
using System.Buffers.Binary;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.ParallelScratchBad;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactAttribute : Attribute { }

internal static class Assert
{
    public static void Equal(long expected, long actual)
    {
        if (expected != actual) throw new InvalidOperationException($"expected {expected}, got {actual}");
    }
}

public sealed class PageStressTests(IoRing ring, int pageFileFd)
{
    private const int PageSize = 4096;

    [Fact]
    public async Task Concurrent_reads_see_their_own_pages()
    {
        byte[] scratch = new byte[PageSize];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), options, async (page, token) =>
        {
            int n = await /*~ASYS1005*/ring.ReadAsync(pageFileFd, scratch, (long)page * PageSize, token);
            Assert.Equal(PageSize, n);
            Assert.Equal(page, BinaryPrimitives.ReadInt64LittleEndian(scratch));
        });
    }
}
