// The same reaper publishes each exit status with ImmutableInterlocked.AddOrUpdate, which retries its compare-exchange
// until no other reap got in between: concurrent reaps on AsyncSys workers lose nothing.
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round16.SharedState.ReaperImmutableInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    internal static extern int WaitPid(int pid, out int status, int options);
}

public static partial class ChildReaper
{
    private static ImmutableDictionary<int, int> s_exited = ImmutableDictionary<int, int>.Empty;

    public static ImmutableDictionary<int, int> Exited => System.Threading.Volatile.Read(ref s_exited);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reap(int pid)
    {
        int rc = Native.WaitPid(pid, out int status, 0);
        if (rc == pid)
        {
            int code = (status >> 8) & 0xff;
            ImmutableInterlocked.AddOrUpdate(ref s_exited, pid, code, (_, _) => code);
        }

        return rc;
    }
}
