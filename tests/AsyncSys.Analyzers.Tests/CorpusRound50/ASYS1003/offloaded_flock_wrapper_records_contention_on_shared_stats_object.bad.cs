// A lock manager's offloaded flock wrapper reports contention to a stats object held in a static field, through that object's Record method, which bumps two plain counters of the object; workers running the wrapper at once lose counts.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus50.LockStatsBad;

internal sealed class LockStats
{
    private long _acquired;
    private long _contended;

    public long Acquired => _acquired;

    public long Contended => _contended;

    public void Record(bool contended)
    {
        if (contended)
        {
            /*~ASYS1003*/_contended++;
        }
        else
        {
            /*~ASYS1003*/_acquired++;
        }
    }
}

internal static partial class LockManager
{
    private const int EWOULDBLOCK = 11;

    internal static readonly LockStats s_stats = new();

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockNative(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int TryLock(int fd, int operation)
    {
        int rc = FlockNative(fd, operation);
        bool contended = rc != 0 && Marshal.GetLastPInvokeError() == EWOULDBLOCK;
        s_stats.Record(contended);
        return rc;
    }
}
