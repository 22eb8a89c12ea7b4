// A build server's process reaper records each child's exit status in an ImmutableDictionary held in a static field,
// so readers can take a snapshot without a lock. The waitpid wrapper has no ring operation, so several reaps run at once
// on AsyncSys workers; each reads the field, adds its pid and stores the new map back, and the last store wins: other
// children's exit codes are lost and the build waits forever for a compiler that already finished.
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round16.SharedState.ReaperImmutableSwap;

internal static class Native
{
    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    internal static extern int WaitPid(int pid, out int status, int options);
}

public static partial class ChildReaper
{
    private static ImmutableDictionary<int, int> s_exited = ImmutableDictionary<int, int>.Empty;

    public static ImmutableDictionary<int, int> Exited => s_exited;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reap(int pid)
    {
        int rc = Native.WaitPid(pid, out int status, 0);
        if (rc == pid)
        {
            /*~ASYS1003*/s_exited = s_exited.SetItem(pid, (status >> 8) & 0xff);
        }

        return rc;
    }
}
