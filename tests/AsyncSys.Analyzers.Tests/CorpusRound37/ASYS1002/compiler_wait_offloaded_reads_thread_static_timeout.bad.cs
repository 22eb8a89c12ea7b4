// The compiler driver sets a per-thread timeout ([ThreadStatic]) before waiting for a spawned compiler; the wait is an
// offloaded wrapper (runs on a blocking-call worker) that reads that timeout. On the worker the field is the worker's
// own (0 or a stale value of another build): a hung compiler is never killed, or a good one is killed at once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.PerThread.CompilerWaitThreadStatic;

public sealed partial class CompilerProcess(int pidFd)
{
    [ThreadStatic]
    internal static int t_timeoutMilliseconds;

    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int WaitForExit(int pollInterval)
    {
        int budget = /*~ASYS1002*/t_timeoutMilliseconds;
        return budget <= 0 ? pidFd : pidFd + pollInterval;
    }
}

public static class Driver
{
    public static async Task<int> RunAsync(CompilerProcess compiler, CancellationToken ct)
    {
        CompilerProcess.t_timeoutMilliseconds = 60_000;
        return await compiler.WaitForExitAsync(50, ct);
    }
}
