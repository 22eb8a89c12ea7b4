// An incremental build cache counts how many inputs it stat'ed without a change, shown in the build summary. The
// counter is an instance auto-property bumped with += in an offloaded lstat wrapper; parallel probes on AsyncSys
// workers lose increments, so the summary under-reports cache hits (and the "cache effective" check in CI flaps).
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round16.SharedState.CacheHitsProperty;

internal static class Native
{
    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    internal static extern int LStat(string path, byte[] buffer);
}

public sealed partial class OutputCache
{
    public long UnchangedCount { get; private set; }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int ProbeUnchanged(string path, byte[] statBuffer, long lastMtime)
    {
        int rc = Native.LStat(path, statBuffer);
        if (rc == 0 && System.BitConverter.ToInt64(statBuffer, 88) == lastMtime)
        {
            /*~ASYS1003*/UnchangedCount += 1;
        }

        return rc;
    }
}
