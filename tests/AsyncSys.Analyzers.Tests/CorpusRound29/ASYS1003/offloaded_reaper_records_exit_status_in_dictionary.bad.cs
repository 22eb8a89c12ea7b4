// A job runner reaps children with an offloaded waitpid wrapper (no ring opcode: each call runs on an AsyncSys worker)
// and records each exit status in a static Dictionary for `jobs -l`. Two children exiting together are reaped by two
// workers at once, and concurrent inserts into a Dictionary corrupt its buckets (lost entries, or a reader spinning).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.SharedState.ReaperExitStatusDictionary;

public static partial class Reaper
{
    private static readonly Dictionary<int, int> s_exitStatusByPid = new();

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static extern int WaitPid(int pid, out int status, int options);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reap(int pid)
    {
        int reaped = WaitPid(pid, out int status, 0);
        if (reaped == pid)
        {
            /*~ASYS1003*/s_exitStatusByPid[pid] = status;
        }

        return reaped;
    }

    public static bool TryGetExitStatus(int pid, out int status) => s_exitStatusByPid.TryGetValue(pid, out status);
}
