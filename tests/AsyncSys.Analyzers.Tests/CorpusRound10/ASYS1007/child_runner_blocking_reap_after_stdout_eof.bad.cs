using System;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Blocking.ChildRunner;

internal static partial class ChildProcess
{
    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);

    /// <summary>Waits for the child to exit; returns its raw wait status, or -1 (errno set).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reap(int pid)
    {
        int reaped = waitpid(pid, out int status, 0);
        return reaped < 0 ? -1 : status;
    }
}

/// <summary>
/// A build tool runs a compiler as a child process (spawned with its stdout on a pipe), copies the output into a
/// pipe writer until EOF, then collects the exit code.
/// </summary>
internal sealed class ChildRunner(IoRing ring)
{
    public async Task<int> RunToExitAsync(int pid, int stdoutFd, PipeWriter output, CancellationToken cancellationToken)
    {
        byte[] chunk = new byte[4096];
        while (true)
        {
            int n = await ring.ReadAsync(stdoutFd, chunk, cancellationToken);
            if (n == 0)
            {
                break;   // EOF: the child closed stdout, but it may still be running (or a grandchild holds it)
            }

            await output.WriteAsync(chunk.AsMemory(0, n), cancellationToken);
        }

        int status = /*~ASYS1007*/ChildProcess.Reap(pid);   // waitpid blocks this pool thread until the child exits
        return status < 0 ? -1 : (status >> 8) & 0xff;
    }
}
