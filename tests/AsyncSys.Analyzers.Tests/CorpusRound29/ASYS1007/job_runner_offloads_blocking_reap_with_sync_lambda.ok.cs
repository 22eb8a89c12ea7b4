// A small script runner (a tool, not a server) that predates the generated variants reaps its child with the blocking
// waitpid wrapper inside a synchronous lambda handed to Task.Run, and awaits that task from its async method. The
// lambda is not async: the blocking call runs on the thread Task.Run gave it, by the author's choice, and the async
// method itself blocks nothing.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.ScriptRunnerTaskRunReap;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int WaitPid(int pid, out int status, int options);
}

public static class ScriptRunner
{
    public static async Task<int> WaitForExitCodeAsync(int pid)
    {
        int status = await Task.Run(() =>
        {
            int reaped = Native.WaitPid(pid, out int s, 0);
            return reaped == pid ? s : -1;
        });
        return status < 0 ? -1 : (status >> 8) & 0xff;
    }
}
