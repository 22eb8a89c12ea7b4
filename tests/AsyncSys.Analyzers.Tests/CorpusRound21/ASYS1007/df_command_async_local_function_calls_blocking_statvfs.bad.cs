// A `df`-like CLI command collects usage per mount point with an async local function that calls the offloaded
// statvfs wrapper's blocking form although StatVfsAsync exists. A hung NFS mount blocks a pool thread per call, and
// with Task.WhenAll over many mounts the command stops responding to Ctrl+C.
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Blocking.DfBlockingStatvfs;

[StructLayout(LayoutKind.Sequential)]
public struct StatVfs
{
    public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FsId, Flags, NameMax;
    public int Spare0, Spare1, Spare2, Spare3, Spare4, Spare5;
}

public static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfsCall(string path, out StatVfs stats);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long AvailableBytes(string path) => StatVfsCall(path, out StatVfs stats) < 0 ? -1 : (long)(stats.BlocksAvailable * stats.FragmentSize);
}

public sealed record MountUsage(string MountPoint, long AvailableBytes);

public sealed class DfCommand
{
    public async Task<MountUsage[]> RunAsync(string[] mountPoints, CancellationToken ct)
    {
        return await Task.WhenAll(mountPoints.Select(Measure)).ConfigureAwait(false);

        async Task<MountUsage> Measure(string mountPoint)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            long available = /*~ASYS1007*/Native.AvailableBytes(mountPoint);
            return new MountUsage(mountPoint, available);
        }
    }
}
