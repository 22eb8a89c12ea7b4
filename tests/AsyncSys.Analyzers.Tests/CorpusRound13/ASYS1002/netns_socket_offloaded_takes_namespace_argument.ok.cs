// The container runtime of the .bad twin, with the offloaded socket helper given the target namespace fd as an
// argument. The caller, on the container's management thread, reads its [ThreadStatic] binding and passes the value:
// the worker no longer reads any per-thread state, and the socket is made in the container's namespace.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.PerThread.NetnsPassedIn;

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
    public static int OpenInNamespace(int targetNetworkNamespace, int domain, int type, int hostNetworkNamespace)
    {
        if (Native.Setns(targetNetworkNamespace, Native.CLONE_NEWNET) < 0) return -1;
        int fd = Native.Socket(domain, type | Native.SOCK_CLOEXEC, 0);
        int saved = Marshal.GetLastPInvokeError();
        Native.Setns(hostNetworkNamespace, Native.CLONE_NEWNET);
        Marshal.SetLastPInvokeError(saved);
        return fd;
    }
}

public static class ServiceListener
{
    // Called on the container's management thread: the binding is read here, where it describes this container.
    public static ValueTask<int> OpenAsync(int hostNetworkNamespace, CancellationToken cancellationToken) =>
        NamespacedSockets.OpenInNamespaceAsync(
            ContainerThread.NamespaceFd(Native.CLONE_NEWNET), Native.AF_INET6, Native.SOCK_STREAM, hostNetworkNamespace, cancellationToken);
}
