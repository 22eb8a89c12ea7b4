// A node agent opens rtnetlink sockets inside a pod's network namespace. Callers pick the namespace with Target(fd),
// which records it in a [ThreadStatic] field, then await the generated OpenRouteSocketAsync. The wrapper has no ring
// opcode, so it runs on an AsyncSys worker thread, whose field was never set (0) or was set by another pod's caller:
// setns joins the wrong namespace (or fails with EBADF) and the agent watches another pod's routes.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.PerThread.NetnsSocketThreadStatic;

internal static class Native
{
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static extern int SetNs(int fd, int nstype);

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static extern int Socket(int domain, int type, int protocol);
}

public static partial class NamespacedSockets
{
    private const int CLONE_NEWNET = 0x40000000, AF_NETLINK = 16, SOCK_RAW = 3, NETLINK_ROUTE = 0;

    [System.ThreadStatic] private static int t_targetNetns;

    public static void Target(int netnsFd) => t_targetNetns = netnsFd;

    // The worker goes back to the agent's own namespace before it returns (the generator refuses a body that leaves its
    // worker in another namespace, ASYS0016).
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenRouteSocket(int protocolFlags, int hostNetnsFd)
    {
        if (Native.SetNs(/*~ASYS1002*/t_targetNetns, CLONE_NEWNET) < 0)
        {
            return -1;
        }

        int fd = Native.Socket(AF_NETLINK, SOCK_RAW | protocolFlags, NETLINK_ROUTE);
        int errno = Marshal.GetLastPInvokeError();
        Native.SetNs(hostNetnsFd, CLONE_NEWNET);
        Marshal.SetLastPInvokeError(errno);
        return fd;
    }
}
