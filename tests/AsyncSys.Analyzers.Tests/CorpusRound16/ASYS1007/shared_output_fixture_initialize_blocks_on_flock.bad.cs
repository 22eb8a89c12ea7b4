// Test classes that share an output directory take a lock file in their async fixture's InitializeAsync (xunit
// IAsyncLifetime style) with the blocking flock wrapper. Parallel test classes each block a pool thread while another
// class holds the lock; xunit's own async machinery runs on the same pool, so the run crawls or deadlocks under load.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.Blocking.FixtureInitializeFlock;

internal static class Native
{
    [DllImport("libspawnshim", EntryPoint = "wait_exit", SetLastError = true)]
    internal static extern int WaitExit(int pid);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static extern int Flock(int fd, int operation);
}

public static partial class ChildProcess
{
    public const int LOCK_EX = 2, LOCK_UN = 8;

    // Blocks until the child exits; returns its exit code or -1 with errno set.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WaitExit(int pid) => Native.WaitExit(pid);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Flock(int fd, int operation) => Native.Flock(fd, operation);
}

public sealed class SharedOutputFixture(int lockFd)
{
    public async Task InitializeAsync()
    {
        await Task.Yield();
        if (/*~ASYS1007*/ChildProcess.Flock(lockFd, ChildProcess.LOCK_EX) < 0)
        {
            throw new System.IO.IOException("cannot lock the shared output directory");
        }
    }

    public Task DisposeAsync()
    {
        ChildProcess.Flock(lockFd, ChildProcess.LOCK_UN);
        return Task.CompletedTask;
    }
}
