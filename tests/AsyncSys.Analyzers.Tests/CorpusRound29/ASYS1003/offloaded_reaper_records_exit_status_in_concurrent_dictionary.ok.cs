// The same reaper made right: exit statuses go into a ConcurrentDictionary and the reap count is incremented with
// Interlocked, so two workers reaping at once lose nothing.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round29.SharedState.ReaperExitStatusConcurrent;

public static partial class Reaper
{
    private static readonly ConcurrentDictionary<int, int> s_exitStatusByPid = new();
    private static int s_reaped;

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static extern int WaitPid(int pid, out int status, int options);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reap(int pid)
    {
        int reaped = WaitPid(pid, out int status, 0);
        if (reaped == pid)
        {
            s_exitStatusByPid[pid] = status;
            Interlocked.Increment(ref s_reaped);
        }

        return reaped;
    }

    public static int ReapedCount => Volatile.Read(ref s_reaped);
}
