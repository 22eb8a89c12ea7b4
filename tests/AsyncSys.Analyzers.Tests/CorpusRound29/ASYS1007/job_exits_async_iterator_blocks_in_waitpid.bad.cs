// A shell's job table exposes finished jobs as an async stream: an async iterator that reaps any child with the blocking
// waitpid(-1) wrapper between its awaits. Each MoveNextAsync blocks its thread-pool thread until some child exits
// (minutes, for a long build), while WaitPidAsync exists beside the wrapper.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.JobExitsIterator;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int WaitPid(int pid, out int status, int options);
}

public readonly record struct JobExit(int Pid, int Status);

public sealed class JobTable
{
    public async IAsyncEnumerable<JobExit> ExitsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Yield();
            int pid = /*~ASYS1007*/Native.WaitPid(-1, out int status, 0);
            if (pid <= 0)
            {
                yield break;
            }

            yield return new JobExit(pid, status);
        }
    }
}
