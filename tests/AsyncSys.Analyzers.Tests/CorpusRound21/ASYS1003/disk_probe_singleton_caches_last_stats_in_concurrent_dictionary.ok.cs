// The same DI singleton disk probe, written right: the per-mount cache filled by the offloaded statvfs wrapper is a
// ConcurrentDictionary, made for concurrent writers.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.SharedState.DiskProbeConcurrentCache;

[StructLayout(LayoutKind.Sequential)]
public struct StatVfs
{
    public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FsId, Flags, NameMax;
    public int Spare0, Spare1, Spare2, Spare3, Spare4, Spare5;
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int StatVfs(string path, out StatVfs stats);
}

public sealed partial class DiskProbe
{
    private readonly ConcurrentDictionary<string, StatVfs> _lastGood = new();

    public bool TryGetLastGood(string mountPoint, out StatVfs stats) => _lastGood.TryGetValue(mountPoint, out stats);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Probe(string mountPoint)
    {
        int rc = Native.StatVfs(mountPoint, out StatVfs stats);
        if (rc == 0)
        {
            _lastGood[mountPoint] = stats;
        }

        return rc;
    }
}

public sealed class DiskHealthChecks(DiskProbe probe, string[] mountPoints)
{
    public async Task<int> CountHealthyAsync(CancellationToken ct)
    {
        int[] results = await Task.WhenAll(System.Linq.Enumerable.Select(mountPoints, m => probe.ProbeAsync(m, ct).AsTask()));
        return System.Linq.Enumerable.Count(results, r => r == 0);
    }
}
