// A job supervisor stops a child with SIGTERM and gives it a grace period: it races the generated waitpid variant's
// ValueTask (through AsTask()) against a delay, sends SIGKILL when the delay wins, and then awaits the same ValueTask
// for the exit status. AsTask() already consumed it: the second await reads a source AsyncSys may have recycled for
// another operation, and returns another child's status or throws.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.GracePeriodAwaitAfterAsTask;

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
        ValueTask<Native.WaitPidResult> exit = Native.WaitPidAsync(pid, 0, ct);
        Task delay = Task.Delay(grace, ct);
        Task first = await Task.WhenAny(exit.AsTask(), delay);
        if (first == delay)
        {
            Native.Kill(pid, Native.SIGKILL);
        }

        Native.WaitPidResult result = /*~ASYS1006*/await exit;
        return result.Status;
    }
}
