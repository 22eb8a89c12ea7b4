// Many grains, each owning a memory-mapped state file, flush their dirty pages with an offloaded msync wrapper; the wrapper keeps its static per-file count of flushed bytes in a ConcurrentDictionary updated with AddOrUpdate, safe from the grains' concurrent flushes.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.MsyncStatsOk;

internal static partial class Mapped
{
    internal const int MS_SYNC = 4;

    internal static readonly ConcurrentDictionary<int, long> s_flushedBytes = new();

    [LibraryImport("libc", EntryPoint = "msync", SetLastError = true)]
    private static partial int MsyncNative(nint address, nuint length, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Flush(int stateFd, nint address, nuint length)
    {
        int rc = MsyncNative(address, length, MS_SYNC);
        if (rc == 0)
        {
            s_flushedBytes.AddOrUpdate(stateFd, (long)length, (_, total) => total + (long)length);
        }

        return rc;
    }
}

internal sealed class StateGrain(IoRing ring, int stateFd, nint view, nuint length)
{
    public async Task OnDeactivateAsync(CancellationToken ct)
    {
        await Mapped.FlushAsync(ring, stateFd, view, length, ct).ConfigureAwait(false);
    }
}
