// A DI singleton disk probe keeps the last good statvfs result per mount point in a Dictionary, filled inside its
// offloaded statvfs wrapper. Health checks for several mounts run concurrently, each on an AsyncSys worker: two
// workers inserting into the Dictionary at once corrupt it (lost entries, or an endless loop in a later lookup).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.SharedState.DiskProbeDictionaryCache;

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
    private readonly Dictionary<string, StatVfs> _lastGood = new();

    public bool TryGetLastGood(string mountPoint, out StatVfs stats) => _lastGood.TryGetValue(mountPoint, out stats);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Probe(string mountPoint)
    {
        int rc = Native.StatVfs(mountPoint, out StatVfs stats);
        if (rc == 0)
        {
            /*~ASYS1003*/_lastGood[mountPoint] = stats;
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
