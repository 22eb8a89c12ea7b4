// The same drain wrapper removing the connection under the lock that BeginDrain takes: concurrent workers are
// serialized on the set.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.SharedState.DrainingHashSetLocked;

public static partial class Drainer
{
    private const int SHUT_RDWR = 2;
    private static readonly HashSet<int> s_draining = new();

    public static int DrainingCount
    {
        get
        {
            lock (s_draining)
            {
                return s_draining.Count;
            }
        }
    }

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
        lock (s_draining)
        {
            s_draining.Remove(fd);
        }

        return ShutdownSocket(fd, SHUT_RDWR);
    }
}
