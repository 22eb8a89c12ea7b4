// The same job loop awaits the generated variant: the wait runs on an AsyncSys worker and the pool thread is free.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.Blocking.BuildServerWaitExitVariant;

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
            int code = await ChildProcess.WaitExitAsync(job.Pid, ct);
            System.Console.WriteLine(job.Target + " exited " + code);
        }
    }
}
