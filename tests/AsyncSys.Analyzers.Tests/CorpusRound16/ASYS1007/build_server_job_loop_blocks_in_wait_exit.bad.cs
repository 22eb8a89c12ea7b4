// A build server reads compile jobs from a Channel with await foreach, spawns each compiler and waits for it with the
// blocking wait_exit wrapper. Each wait holds a thread-pool thread for the whole compile; with a few parallel job loops
// the pool starves and the server's HTTP status endpoint (same process) stops answering until compiles finish.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.Blocking.BuildServerWaitExit;

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

public sealed record CompileJob(int Pid, string Target);

public sealed class BuildServer(ChannelReader<CompileJob> jobs)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (CompileJob job in jobs.ReadAllAsync(ct))
        {
            int code = /*~ASYS1007*/ChildProcess.WaitExit(job.Pid);
            System.Console.WriteLine(job.Target + " exited " + code);
        }
    }
}
