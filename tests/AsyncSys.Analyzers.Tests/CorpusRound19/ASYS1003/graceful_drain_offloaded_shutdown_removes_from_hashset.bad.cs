// During graceful shutdown a server tracks connections still draining in a static HashSet and finishes each one with an
// offloaded wrapper that drops it from the set and shuts the socket down. Drains run on several AsyncSys workers at
// once: concurrent HashSet.Remove calls corrupt the set, and the shutdown coordinator waiting for it to empty can hang
// or see connections that are gone.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.SharedState.DrainingHashSet;

public static partial class Drainer
{
    private const int SHUT_RDWR = 2;
    private static readonly HashSet<int> s_draining = new();

    public static int DrainingCount => s_draining.Count;

    [DllImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static extern int ShutdownSocket(int fd, int how);

    public static void BeginDrain(int fd)
    {
        lock (s_draining)
        {
            s_draining.Add(fd);
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int FinishDrain(int fd)
    {
        /*~ASYS1003*/s_draining.Remove(fd);
        return ShutdownSocket(fd, SHUT_RDWR);
    }
}
