// The same `df`-like CLI command: its --sync mode runs in a plain synchronous method (the program's blocking path) and
// calls the blocking statvfs wrapper, while the async mode awaits StatVfs's generated variant.
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Blocking.DfSyncMode;

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
    public MountUsage[] Run(string[] mountPoints) =>
        mountPoints.Select(m => new MountUsage(m, Native.AvailableBytes(m))).ToArray();

    public async Task<MountUsage[]> RunAsync(string[] mountPoints, CancellationToken ct)
    {
        return await Task.WhenAll(mountPoints.Select(Measure)).ConfigureAwait(false);

        async Task<MountUsage> Measure(string mountPoint)
        {
            long available = await Native.AvailableBytesAsync(mountPoint, ct).ConfigureAwait(false);
            return new MountUsage(mountPoint, available);
        }
    }
}
