// A pty allocator opens /dev/ptmx with posix_openpt, then grantpt and unlockpt. When either fails it closes the master
// (close is declared with SetLastError) before building the exception from errno. The close succeeds and the saved
// error becomes 0, so the user sees "Success" instead of why unlockpt failed (EACCES under a restrictive devpts mount).
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Round29.Errno.UnlockptAfterClose;

internal static class Native
{
    internal const int O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    internal static extern int PosixOpenpt(int flags);

    [DllImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    internal static extern int Grantpt(int fd);

    [DllImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    internal static extern int Unlockpt(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static class PtyAllocator
{
    public static int OpenMaster()
    {
        int master = Native.PosixOpenpt(Native.O_RDWR | Native.O_NOCTTY | Native.O_CLOEXEC);
        if (master < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "posix_openpt");
        }

        if (Native.Grantpt(master) < 0 || Native.Unlockpt(master) < 0)
        {
            Native.Close(master);
            throw new Win32Exception(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "grantpt/unlockpt");
        }

        return master;
    }
}
