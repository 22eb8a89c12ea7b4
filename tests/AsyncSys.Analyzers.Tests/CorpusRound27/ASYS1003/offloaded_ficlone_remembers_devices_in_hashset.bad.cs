// A copy tool remembers the filesystems (by device number) that refused FICLONE so later files skip straight to a byte
// copy; its offloaded clone wrapper adds to a static HashSet when the ioctl fails, and two workers adding at once corrupt
// the set (lost entries, or a broken bucket chain that makes Contains spin or throw).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round27.SharedState.NoReflinkDevicesHashSet;

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
    private static readonly HashSet<ulong> s_noReflink = new();

    public static bool Worth(ulong device) => !s_noReflink.Contains(device);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int CloneWhole(int destFd, int srcFd, ulong device)
    {
        int rc = Native.IoctlClone(destFd, Native.FICLONE, srcFd);
        if (rc < 0 && Marshal.GetLastPInvokeError() is Native.EOPNOTSUPP or Native.EXDEV)
        {
            /*~ASYS1003*/s_noReflink.Add(device);
        }

        return rc;
    }
}
