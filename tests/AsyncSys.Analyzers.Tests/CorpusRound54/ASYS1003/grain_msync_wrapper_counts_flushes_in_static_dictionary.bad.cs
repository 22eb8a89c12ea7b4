// Many grains, each owning a memory-mapped state file, flush their dirty pages with an offloaded msync wrapper; the wrapper keeps a static per-file count of flushed bytes in a plain Dictionary, which the grains' concurrent flushes on worker threads update at once (lost counts, or a corrupted dictionary).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.MsyncStatsBad;

internal static partial class Mapped
{
    internal const int MS_SYNC = 4;

    internal static readonly Dictionary<int, long> s_flushedBytes = new();

    [LibraryImport("libc", EntryPoint = "msync", SetLastError = true)]
    private static partial int MsyncNative(nint address, nuint length, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Flush(int stateFd, nint address, nuint length)
    {
        int rc = MsyncNative(address, length, MS_SYNC);
        if (rc == 0)
        {
            /*~ASYS1003*/s_flushedBytes[stateFd] = s_flushedBytes.GetValueOrDefault(stateFd) + (long)length;
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
