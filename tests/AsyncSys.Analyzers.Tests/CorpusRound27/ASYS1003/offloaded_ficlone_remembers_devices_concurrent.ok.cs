// The same reflink memo kept in a ConcurrentDictionary, made for concurrent writers: the offloaded clone wrapper's TryAdd
// is safe on any number of workers.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round27.SharedState.NoReflinkDevicesConcurrent;

internal static class Native
{
    internal const ulong FICLONE = 0x40049409;
    internal const int EXDEV = 18;
    internal const int EOPNOTSUPP = 95;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlClone(int destFd, ulong request, int srcFd);
}

public static partial class Reflink
{
    private static readonly ConcurrentDictionary<ulong, bool> s_noReflink = new();

    public static bool Worth(ulong device) => !s_noReflink.ContainsKey(device);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int CloneWhole(int destFd, int srcFd, ulong device)
    {
        int rc = Native.IoctlClone(destFd, Native.FICLONE, srcFd);
        if (rc < 0 && Marshal.GetLastPInvokeError() is Native.EOPNOTSUPP or Native.EXDEV)
        {
            s_noReflink.TryAdd(device, true);
        }

        return rc;
    }
}
