// The same retention made right: the offloaded unlinkat wrapper takes the partition directory fd as an argument, so
// the worker uses the caller's directory.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.PerThread.RetentionDirArgument;

public static partial class SegmentFiles
{
    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    private static extern int UnlinkAtNative(int dirFd, string path, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DeleteSegment(int partitionDirFd, string fileName) => UnlinkAtNative(partitionDirFd, fileName, 0);
}

public sealed class RetentionTask
{
    public async Task RunAsync(int partitionDirFd, IEnumerable<string> expiredSegments, CancellationToken ct)
    {
        foreach (string name in expiredSegments)
        {
            await SegmentFiles.DeleteSegmentAsync(partitionDirFd, name, ct);
        }
    }
}
