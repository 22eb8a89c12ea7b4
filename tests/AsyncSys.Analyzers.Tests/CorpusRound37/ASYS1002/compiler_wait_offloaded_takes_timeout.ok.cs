// The same wait, the timeout passed as an argument: it travels to the worker with the call.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.PerThread.CompilerWaitParameter;

public sealed partial class CompilerProcess(int pidFd)
{
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int WaitForExit(int pollInterval, int timeoutMilliseconds)
    {
        return timeoutMilliseconds <= 0 ? pidFd : pidFd + pollInterval;
    }
}

public static class Driver
{
    public static async Task<int> RunAsync(CompilerProcess compiler, CancellationToken ct)
    {
        return await compiler.WaitForExitAsync(50, 60_000, ct);
    }
}
