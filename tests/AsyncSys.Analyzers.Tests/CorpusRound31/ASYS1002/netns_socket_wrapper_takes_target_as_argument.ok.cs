// The namespaced socket opener made right: the caller passes the pod's network namespace fd as an argument, so the
// offloaded wrapper (run on an AsyncSys worker) joins the namespace the caller asked for, whatever thread runs it.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.PerThread.NetnsSocketArgument;

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

    // The worker goes back to the agent's own namespace before it returns (the generator refuses a body that leaves its
    // worker in another namespace, ASYS0016).
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenRouteSocket(int netnsFd, int protocolFlags, int hostNetnsFd)
    {
        if (Native.SetNs(netnsFd, CLONE_NEWNET) < 0)
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
