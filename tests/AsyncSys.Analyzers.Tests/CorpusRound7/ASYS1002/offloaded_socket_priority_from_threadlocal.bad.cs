using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round7.PerThread.SocketPriority;

/// <summary>Replication traffic of a storage node gets a lower socket priority; the caller sets it for its thread.</summary>
internal static unsafe partial class TrafficClass
{
    public static readonly ThreadLocal<int> CurrentPriority = new(() => 0);

    private const int SOL_SOCKET = 1;
    private const int SO_PRIORITY = 12;

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, int* value, int length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ApplyPriority(int socketFd)
    {
        int priority = /*~ASYS1002*/CurrentPriority.Value;   // the worker's value, always 0
        return setsockopt(socketFd, SOL_SOCKET, SO_PRIORITY, &priority, sizeof(int));
    }
}
