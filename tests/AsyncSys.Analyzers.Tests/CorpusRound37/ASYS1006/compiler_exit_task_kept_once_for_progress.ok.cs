// The same driver, the ValueTask turned into a Task once and that Task used for the race and the result.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.ValueTasks.CompilerExitTaskOnce;

public sealed partial class Compiler(int pidFd)
{
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int WaitExitCode(int flags) => pidFd + flags;
}

public static class Driver
{
    public static async Task<int> RunAsync(Compiler compiler, IProgress<string> progress, CancellationToken ct)
    {
        Task<int> exit = compiler.WaitExitCodeAsync(0, ct).AsTask();
        while (await Task.WhenAny(exit, Task.Delay(500, ct)) != exit)
        {
            progress.Report("still compiling");
        }

        return await exit;
    }
}
