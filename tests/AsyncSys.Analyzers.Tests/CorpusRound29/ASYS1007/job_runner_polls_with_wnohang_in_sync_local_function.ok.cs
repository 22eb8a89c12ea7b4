// The same job runner made right: after the output ends it first asks with WNOHANG (which never blocks) from a
// synchronous local function, and only when the child is still running awaits the generated WaitPidAsync.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.JobRunnerWaitpidAsync;

internal static partial class Native
{
    internal const int WNOHANG = 1;

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

        int? exited = TryReap();
        if (exited is int code)
        {
            return code;
        }

        Native.WaitPidResult result = await Native.WaitPidAsync(ring, pid, 0, ct);
        return result.ReturnValue == pid ? (result.Status >> 8) & 0xff : -1;

        int? TryReap()
        {
            int reaped = Native.WaitPid(pid, out int status, Native.WNOHANG);
            return reaped == pid ? (status >> 8) & 0xff : null;
        }
    }
}
