// A compiler driver waits for the compiler's exit (a ValueTask from an offloaded wait) while printing progress: it
// races exit.AsTask() against a progress tick, then awaits `exit` itself. AsTask already consumed the ValueTask; the
// second await reads a pooled operation that may belong to another call by then: wrong exit code or an exception.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.ValueTasks.CompilerExitConsumedTwice;

public sealed partial class Compiler(int pidFd)
{
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int WaitExitCode(int flags) => pidFd + flags;
}

public static class Driver
{
    public static async Task<int> RunAsync(Compiler compiler, IProgress<string> progress, CancellationToken ct)
    {
        ValueTask<int> exit = compiler.WaitExitCodeAsync(0, ct);
        while (await Task.WhenAny(exit.AsTask(), Task.Delay(500, ct)) is not Task<int>)
        {
            progress.Report("still compiling");
        }

        return await /*~ASYS1006*/exit;
    }
}
