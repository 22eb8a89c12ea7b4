// A lock service exposes LockAsync returning ValueTask, but the method is not async: it calls the blocking flock wrapper and wraps the outcome in a completed ValueTask, so every caller that awaits it blocks its thread while another process holds the lock.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.LockValueTaskBad;

internal static partial class Native
{
    internal const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LockService(IoRing ring)
{
    public IoRing Ring => ring;

    public ValueTask LockAsync(int fd, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (/*~ASYS1007*/Native.Flock(fd, Native.LOCK_EX) != 0)
        {
            return ValueTask.FromException(new IOException("flock failed, errno " + Marshal.GetLastPInvokeError()));
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class Job(LockService locks, int fd)
{
    public async Task RunExclusiveAsync(CancellationToken ct)
    {
        await locks.LockAsync(fd, ct).ConfigureAwait(false);
    }
}
