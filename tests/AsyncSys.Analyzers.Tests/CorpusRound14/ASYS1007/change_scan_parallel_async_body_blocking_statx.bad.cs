// A sync tool finds files changed since the last run with Parallel.ForEachAsync over the tree's paths, and its async
// body calls the blocking statx wrapper (out struct) before queueing changed paths for hashing. Parallel.ForEachAsync
// runs its bodies on pool threads: each blocking statx holds one for the whole call (seconds on a cold NFS mount),
// the pool starves and injects threads slowly, and the hashing consumer of the same channel stalls behind it. The
// generated StatxAsync exists beside the wrapper.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

namespace Round14.Blocking.ChangeScanParallelStatx;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int Statx(int dirFd, string path, int flags, uint mask, out AsyncSys.Statx statx);
}

public static class ChangeScanner
{
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_MTIME = 0x40;

    public static Task ScanAsync(int rootFd, IEnumerable<string> paths, long sinceSeconds, ChannelWriter<string> toHash, CancellationToken ct)
    {
        return Parallel.ForEachAsync(paths, ct, async (path, token) =>
        {
            if (/*~ASYS1007*/Native.Statx(rootFd, path, AT_SYMLINK_NOFOLLOW, STATX_MTIME, out AsyncSys.Statx stx) < 0)
            {
                return;
            }

            if (stx.ModificationTime.Seconds > sinceSeconds)
            {
                await toHash.WriteAsync(path, token);
            }
        });
    }
}
