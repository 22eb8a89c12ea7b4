// A child-process handle starts waiting for the child's exit in its constructor and keeps the waitpid variant's
// ValueTask preserved (Preserve() makes a ValueTask that may be awaited more than once): WaitForExitAsync and
// DisposeAsync may both await it.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.ChildExitPreserved;

internal static partial class Native
{
    internal const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int WaitPid(int pid, out int status, int options);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);
}

public sealed class ChildProcess : IAsyncDisposable
{
    private readonly int _pid;
    private readonly ValueTask<Native.WaitPidResult> _exit;

    public ChildProcess(int pid)
    {
        _pid = pid;
        _exit = Native.WaitPidAsync(pid, 0).Preserve();
    }

    public async Task<int> WaitForExitAsync()
    {
        Native.WaitPidResult result = await _exit;
        return (result.Status >> 8) & 0xff;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exit.IsCompleted)
        {
            Native.Kill(_pid, Native.SIGTERM);
        }

        await _exit;
    }
}
