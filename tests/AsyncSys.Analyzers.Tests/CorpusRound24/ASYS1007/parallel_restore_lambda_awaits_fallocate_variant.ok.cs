// The parallel restore made right: the async body awaits the fallocate wrapper's generated variant, which throws an
// ErrnoException carrying the errno captured where the call ran.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.Blocking.ParallelFallocateOk;

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
            await Native.FallocateAsync(target.Fd, 0, 0, target.Size, token);
            await IoRing.Shared.FsyncAsync(target.Fd, token);
        });
}
