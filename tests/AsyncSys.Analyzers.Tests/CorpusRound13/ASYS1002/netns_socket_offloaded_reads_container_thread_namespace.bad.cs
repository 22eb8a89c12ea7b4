// A container runtime gives each container a dedicated management thread, which records the container's namespace
// fds in [ThreadStatic] fields when it starts (ContainerThread.Bind). Library code running on that thread asks
// `ContainerThread.NamespaceFd(CLONE_NEWNET)` which network namespace it serves. The socket helper is an offloaded
// wrapper (an ordinary method outside the table, RingOp.None): it switches its thread into that namespace with setns,
// calls socket(2) and switches back. AsyncSys runs it on a blocking-call worker, whose [ThreadStatic] fields were never
// bound (0, or another container's if a job bound them there): setns(0) fails with EINVAL, or the socket is made in
// another container's namespace and the service listens where its clients cannot reach it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.PerThread.NetnsFromContainerThread;

internal static partial class Native
{
    public const int CLONE_NEWNET = 0x40000000, CLONE_NEWNS = 0x00020000;
    public const int AF_INET6 = 10, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static partial int Setns(int fd, int namespaceType);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);
}

public static class ContainerThread
{
    [ThreadStatic] private static int t_networkNamespace;
    [ThreadStatic] private static int t_mountNamespace;

    public static void Bind(int networkNamespace, int mountNamespace)
    {
        t_networkNamespace = networkNamespace;
        t_mountNamespace = mountNamespace;
    }

    public static int NamespaceFd(int type) => type == Native.CLONE_NEWNET ? t_networkNamespace : t_mountNamespace;
}

public static partial class NamespacedSockets
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenInContainer(int domain, int type, int hostNetworkNamespace)
    {
        int target = /*~ASYS1002*/ContainerThread.NamespaceFd(Native.CLONE_NEWNET);
        if (Native.Setns(target, Native.CLONE_NEWNET) < 0) return -1;
        int fd = Native.Socket(domain, type | Native.SOCK_CLOEXEC, 0);
        int saved = Marshal.GetLastPInvokeError();
        Native.Setns(hostNetworkNamespace, Native.CLONE_NEWNET);
        Marshal.SetLastPInvokeError(saved);
        return fd;
    }
}

public static class ServiceListener
{
    // Called on the container's management thread.
    public static ValueTask<int> OpenAsync(int hostNetworkNamespace, CancellationToken cancellationToken) =>
        NamespacedSockets.OpenInContainerAsync(Native.AF_INET6, Native.SOCK_STREAM, hostNetworkNamespace, cancellationToken);
}
