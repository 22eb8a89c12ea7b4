// A job-control layer sends signals through an offloaded kill wrapper (cancellation of a job sends SIGTERM, then SIGKILL
// after a grace period) and keeps a history of what it sent for `jobs -v`, through a helper. Cancelling a whole pipeline
// signals every process at once on several workers: List.Add from two workers loses entries or throws on a resize, and
// the last-signalled pid is whichever store came last.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.SharedState.KillSignalHistory;

public static partial class JobSignals
{
    private static readonly List<(int Pid, int Signal)> s_history = new();
    private static int s_lastSignalledPid;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Signal(int pid, int signal)
    {
        int rc = Kill(pid, signal);
        if (rc == 0)
        {
            Remember(pid, signal);
        }

        return rc;
    }

    private static void Remember(int pid, int signal)
    {
        /*~ASYS1003*/s_history.Add((pid, signal));
        /*~ASYS1003*/s_lastSignalledPid = pid;
    }

    public static int LastSignalledPid => s_lastSignalledPid;
}
