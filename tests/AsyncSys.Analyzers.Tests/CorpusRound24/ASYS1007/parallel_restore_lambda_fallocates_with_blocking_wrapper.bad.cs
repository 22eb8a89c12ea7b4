// A parallel restore preallocates each target file inside Parallel.ForEachAsync's async body with the blocking
// fallocate wrapper. Its generated variant exists; the blocking call pins one of the loop's pool threads per file for
// the whole allocation (seconds on an XFS without unwritten extents), throttling the restore to the pool's size.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.Blocking.ParallelFallocate;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public static class ParallelRestore
{
    public static Task PreallocateAsync(IReadOnlyList<(int Fd, long Size)> targets, CancellationToken ct) =>
        Parallel.ForEachAsync(targets, ct, async (target, token) =>
        {
            if (/*~ASYS1007*/Native.Fallocate(target.Fd, 0, 0, target.Size) < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fallocate");
            }

            await IoRing.Shared.FsyncAsync(target.Fd, token);
        });
}
