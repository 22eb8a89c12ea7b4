// The compaction finish made right: the output tables are synced with the generated async variant, all started and
// awaited together, then the directory is synced.
using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Blocking.CompactionSyncVariant;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int Fdatasync(int fd);
}

public static partial class TableFiles
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Sync(int fd) => Native.Fdatasync(fd);
}

public sealed class CompactionFinisher(IoRing ring, int directoryFd)
{
    public async Task FinishAsync(int[] outputFds, CancellationToken ct)
    {
        Task<int>[] syncs = outputFds.Select(fd => TableFiles.SyncAsync(fd, ct).AsTask()).ToArray();
        int[] results = await Task.WhenAll(syncs);
        if (results.Any(r => r != 0))
        {
            throw new InvalidOperationException("compaction: an output table failed to sync");
        }

        await ring.FsyncAsync(directoryFd, ct);
    }
}
