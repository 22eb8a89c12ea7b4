// A container runtime keeps, per thread, the mount-namespace fd that thread has entered with setns (setns moves only the
// calling thread). Its bind-mount wrapper is offloaded and reads that [ThreadStatic] field to decide whether it is
// inside the container: on the AsyncSys worker the field is the worker's (-1), so the bind mount is made in the host's
// namespace and the container's volume appears on the host.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.ThreadState.MountThreadStaticNs;

internal static class Native
{
    internal const ulong MS_BIND = 4096;

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    internal static extern int Mount(string source, string target, string? fsType, ulong flags, nint data);
}

public static partial class Volumes
{
    [System.ThreadStatic]
    internal static int t_enteredMountNs;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int BindIntoContainer(string hostPath, string containerPath) =>
        /*~ASYS1002*/t_enteredMountNs > 0
            ? Native.Mount(hostPath, containerPath, null, Native.MS_BIND, 0)
            : -1;
}
