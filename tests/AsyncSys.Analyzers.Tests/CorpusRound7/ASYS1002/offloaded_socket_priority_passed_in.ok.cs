using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round7.PerThread.SocketPriorityOk;

/// <summary>Replication traffic of a storage node gets a lower socket priority, read by the caller and passed in.</summary>
internal static partial class TrafficClass
{
    public static readonly ThreadLocal<int> CurrentPriority = new(() => 0);

    private const int SOL_SOCKET = 1;
    private const int SO_PRIORITY = 12;

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static extern unsafe int setsockopt(int fd, int level, int name, int* value, int length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static unsafe int ApplyPriority(int socketFd, int priority)
    {
        return setsockopt(socketFd, SOL_SOCKET, SO_PRIORITY, &priority, sizeof(int));
    }

    public static async System.Threading.Tasks.Task ApplyCurrentAsync(int socketFd, CancellationToken cancellationToken)
    {
        int priority = CurrentPriority.Value;   // read on the caller's thread
        await ApplyPriorityAsync(socketFd, priority, cancellationToken);
    }
}
