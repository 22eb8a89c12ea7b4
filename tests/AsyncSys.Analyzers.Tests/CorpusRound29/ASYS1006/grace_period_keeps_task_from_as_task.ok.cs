// The same job supervisor made right: the waitpid variant's ValueTask is converted once with AsTask(), and that Task is
// both raced against the grace delay and awaited for the status (a Task may be awaited any number of times).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.GracePeriodKeepsTask;

internal static partial class Native
{
    internal const int SIGTERM = 15, SIGKILL = 9;

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int WaitPid(int pid, out int status, int options);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);
}

public sealed class JobStopper
{
    public async Task<int> StopAsync(int pid, TimeSpan grace, CancellationToken ct)
    {
        Native.Kill(pid, Native.SIGTERM);
        Task<Native.WaitPidResult> exit = Native.WaitPidAsync(pid, 0, ct).AsTask();
        if (await Task.WhenAny(exit, Task.Delay(grace, ct)) != exit)
        {
            Native.Kill(pid, Native.SIGKILL);
        }

        Native.WaitPidResult result = await exit;
        return result.Status;
    }
}
