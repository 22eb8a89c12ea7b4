// A small restore CLI with a synchronous Main restores and syncs with the blocking wrappers: the thread is the CLI's
// own and blocking it is the CLI's choice (not async code).
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.Blocking.RestoreCliSyncMain;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);
}

public static class RestoreCli
{
    public static int Main(string[] args)
    {
        int fd = Native.Open(args[0], 0x41, 420);
        if (fd < 0)
        {
            return 2;
        }

        return Native.Fsync(fd) < 0 ? 1 : 0;
    }
}
