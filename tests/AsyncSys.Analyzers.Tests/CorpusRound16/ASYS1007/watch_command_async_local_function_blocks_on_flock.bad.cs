// A "dotnet watch"-like CLI command (synchronous Execute) runs its rebuild loop in an async local function. Before each
// rebuild it takes the output lock with the blocking flock wrapper inside that local function; while a concurrent
// build (an IDE) holds the lock, the watcher's pool thread sleeps in flock and file-change notifications pile up.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.Blocking.WatchLocalFunctionFlock;

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

public sealed class WatchCommand(int lockFd)
{
    public int Execute(CancellationToken ct)
    {
        async Task RebuildLoopAsync()
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(500, ct);
                /*~ASYS1007*/ChildProcess.Flock(lockFd, ChildProcess.LOCK_EX);
                System.Console.WriteLine("rebuilding");
                await ChildProcess.FlockAsync(lockFd, ChildProcess.LOCK_UN, ct);
            }
        }

        RebuildLoopAsync().GetAwaiter().GetResult();
        return 0;
    }
}
