using System.Runtime.InteropServices;
using AsyncSys;

namespace Round10.Shared.ChildReaper;

/// <summary>
/// A process supervisor reaps each child it spawned (pipe2, fork/exec, dup2 of the pipe ends) with a blocking
/// waitpid on a worker, one ReapAsync per child, and shows the last exit in its status line.
/// </summary>
internal static partial class ChildReaper
{
    private static int s_lastPid;
    private static int s_lastStatus;

    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);

    /// <summary>Waits for the child; returns its exit code, or -1 (errno set).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reap(int pid)
    {
        int reaped = waitpid(pid, out int status, 0);
        if (reaped < 0)
        {
            return -1;
        }

        // Two children exiting together: the pair may end up as one child's pid with the other's status.
        (/*~ASYS1003*/s_lastPid, /*~ASYS1003*/s_lastStatus) = (reaped, status);
        return (status >> 8) & 0xff;
    }

    public static string StatusLine() => $"last exit: pid {s_lastPid} status {s_lastStatus}";
}
