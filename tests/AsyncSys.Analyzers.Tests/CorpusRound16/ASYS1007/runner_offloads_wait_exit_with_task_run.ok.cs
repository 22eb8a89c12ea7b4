// A process runner's async method hands the blocking wait to Task.Run with a synchronous lambda: blocking a pool
// thread is what it chose on purpose (the call sits in no async code of its own), and the async method awaits the Task.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.Blocking.RunnerTaskRunWaitExit;

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

public static class ProcessRunner
{
    public static async Task<int> WaitAsync(int pid, CancellationToken ct)
    {
        int code = await Task.Run(() => ChildProcess.WaitExit(pid), ct);
        return code;
    }
}
