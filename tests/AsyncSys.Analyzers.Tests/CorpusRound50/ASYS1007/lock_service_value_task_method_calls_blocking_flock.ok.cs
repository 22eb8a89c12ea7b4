// A lock service exposes LockAsync returning ValueTask and forwards to the flock wrapper's generated variant, which waits for the lock on a worker without holding the caller's thread.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.LockValueTaskOk;

internal static partial class Native
{
    internal const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LockService(IoRing ring)
{
    public async ValueTask LockAsync(int fd, CancellationToken ct)
    {
        await Native.FlockAsync(ring, fd, Native.LOCK_EX, ct).ConfigureAwait(false);
    }
}

internal sealed class Job(LockService locks, int fd)
{
    public async Task RunExclusiveAsync(CancellationToken ct)
    {
        await locks.LockAsync(fd, ct).ConfigureAwait(false);
    }
}
