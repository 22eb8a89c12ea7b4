using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Blocking.BrokerRetention;

internal static partial class SegmentNative
{
    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    [AsyncSyscall]
    public static extern int UnlinkAt(int dirFd, string path, int flags);
}

/// <summary>A message broker's retention sweep deletes expired log segments, several at a time.</summary>
internal sealed class RetentionSweeper(int partitionDirFd)
{
    public int Deleted;

    public Task SweepAsync(IEnumerable<string> expired, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(expired, cancellationToken, async (segment, ct) =>
        {
            await Task.Yield();
            if (/*~ASYS1007*/SegmentNative.UnlinkAt(partitionDirFd, segment, 0) == 0)
            {
                Interlocked.Increment(ref Deleted);
            }
        });
}
