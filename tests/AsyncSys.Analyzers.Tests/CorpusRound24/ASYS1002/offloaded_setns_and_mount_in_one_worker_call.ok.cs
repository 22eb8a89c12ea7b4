// The bind mount made right: the offloaded wrapper is given the namespace fd, enters it with setns and mounts in the same
// worker call, so the namespace it mounts in is the one its own thread just entered.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.ThreadState.MountThreadStaticNsOk;

internal static class Native
{
    internal const ulong MS_BIND = 4096;
    internal const int CLONE_NEWNS = 0x00020000;

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static extern int SetNs(int fd, int nstype);

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    internal static extern int Mount(string source, string target, string? fsType, ulong flags, nint data);
}

public static partial class Volumes
{
    // The worker goes back to the host's mount namespace before it returns (the generator refuses a body that leaves its
    // worker in another namespace, ASYS0016).
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int BindIntoContainer(int mountNsFd, string hostPath, string containerPath, int hostMountNsFd)
    {
        if (Native.SetNs(mountNsFd, Native.CLONE_NEWNS) < 0)
        {
            return -1;
        }

        int result = Native.Mount(hostPath, containerPath, null, Native.MS_BIND, 0);
        int errno = Marshal.GetLastPInvokeError();
        Native.SetNs(hostMountNsFd, Native.CLONE_NEWNS);
        Marshal.SetLastPInvokeError(errno);
        return result;
    }
}
