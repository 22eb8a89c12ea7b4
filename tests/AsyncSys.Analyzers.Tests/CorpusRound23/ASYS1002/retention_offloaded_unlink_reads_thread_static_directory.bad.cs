// The retention thread sets the partition directory fd in a [ThreadStatic] field and then deletes expired segments
// through an offloaded unlinkat wrapper that reads that field. The wrapper runs on an AsyncSys worker, whose field is
// 0 (or another partition's): unlinkat resolves the name against fd 0 or the wrong directory and deletes nothing or
// another partition's segment.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.PerThread.RetentionThreadStaticDir;

public static partial class SegmentFiles
{
    [ThreadStatic] private static int t_partitionDirFd;

    public static void UsePartitionDirectory(int dirFd) => t_partitionDirFd = dirFd;

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    private static extern int UnlinkAtNative(int dirFd, string path, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DeleteSegment(string fileName) => UnlinkAtNative(/*~ASYS1002*/t_partitionDirFd, fileName, 0);
}

public sealed class RetentionTask
{
    public async Task RunAsync(int partitionDirFd, IEnumerable<string> expiredSegments, CancellationToken ct)
    {
        SegmentFiles.UsePartitionDirectory(partitionDirFd);
        foreach (string name in expiredSegments)
        {
            await SegmentFiles.DeleteSegmentAsync(name, ct);
        }
    }
}
