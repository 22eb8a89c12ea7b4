// A backup agent limits concurrent snapshot commits with a SemaphoreSlim and, holding a slot, makes the snapshot durable
// with a blocking fsync wrapper inside the async method. The fsync of a large snapshot takes seconds and holds a pool
// thread the whole time; with the limit at 8 and few cores the pool starves and the semaphore's own waiters stall.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Blocking.UploaderFsyncUnderSemaphore;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public static partial class Durable
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Commit(int fd) => Native.Fsync(fd);
}

public sealed class SnapshotCommitter
{
    private readonly SemaphoreSlim _slots = new(8);

    public async Task<int> CommitAsync(int snapshotFd, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return /*~ASYS1007*/Durable.Commit(snapshotFd);
        }
        finally
        {
            _slots.Release();
        }
    }
}
