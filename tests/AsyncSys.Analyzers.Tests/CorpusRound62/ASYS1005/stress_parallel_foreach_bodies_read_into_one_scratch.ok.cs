// The same stress test with a scratch array per body: each read fills its own array, which only its body checks.
using System;
using System.Buffers.Binary;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.ParallelScratchOk;

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
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), options, async (page, token) =>
        {
            byte[] scratch = new byte[PageSize];
            int n = await ring.ReadAsync(pageFileFd, scratch, (long)page * PageSize, token);
            Assert.Equal(PageSize, n);
            Assert.Equal(page, BinaryPrimitives.ReadInt64LittleEndian(scratch));
        });
    }
}
