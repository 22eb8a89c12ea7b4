// An async index prefetcher calls madvise(MADV_WILLNEED) on the mapped index between ring reads. madvise is a plain
// P/Invoke without [AsyncSyscall]: there is no generated variant to await (madvise only queues readahead), so calling it
// here is the only choice.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Blocking.IndexPrefetchMadvise;

internal static partial class Native
{
    internal const int MADV_WILLNEED = 3;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(nint address, nuint length, int advice);
}

public sealed class IndexPrefetcher(IoRing ring, int postingsFd, nint indexBase)
{
    public async Task<int> PrefetchAsync(long[] pageOffsets, byte[] postings, CancellationToken ct)
    {
        int hinted = 0;
        foreach (long pageOffset in pageOffsets)
        {
            if (Native.Madvise(indexBase + (nint)pageOffset, 4096, Native.MADV_WILLNEED) == 0)
            {
                hinted++;
            }

            await ring.ReadAsync(postingsFd, postings, pageOffset, ct);
        }

        return hinted;
    }
}
