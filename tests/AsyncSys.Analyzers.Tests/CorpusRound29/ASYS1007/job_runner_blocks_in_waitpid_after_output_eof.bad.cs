// A job runner pumps a child's output until the pipe reaches end of file and then, assuming the child has exited, reaps
// it with the blocking waitpid wrapper inside the async method. A child that closes its stdout and keeps running (a
// daemonizing script, `exec >&-`) holds a thread-pool thread in waitpid for as long as it lives; with a few dozen such
// jobs the pool starves, while WaitPidAsync exists beside the wrapper.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.JobRunnerWaitpid;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int WaitPid(int pid, out int status, int options);
}

public sealed class JobRunner(IoRing ring, Stream log)
{
    public async Task<int> RunToCompletionAsync(int pid, int stdoutFd, CancellationToken ct)
    {
        byte[] chunk = new byte[4096];
        while (true)
        {
            int n = await ring.ReadAsync(stdoutFd, chunk, ct);
            if (n <= 0)
            {
                break;
            }

            await log.WriteAsync(chunk.AsMemory(0, n), ct);
        }

        int reaped = /*~ASYS1007*/Native.WaitPid(pid, out int status, 0);
        return reaped == pid ? (status >> 8) & 0xff : -1;
    }
}
