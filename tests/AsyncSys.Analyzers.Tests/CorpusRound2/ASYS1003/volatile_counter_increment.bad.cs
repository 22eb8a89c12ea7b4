// A volatile counter incremented with ++ in an offloaded wrapper: volatile does not make ++ atomic.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Syncs
{
    private static volatile int s_pending;

    internal static int Pending => s_pending;

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFsRaw(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int SyncFs(int fd)
    {
        /*~ASYS1003*/s_pending++;
        try
        {
            return SyncFsRaw(fd);
        }
        finally
        {
            /*~ASYS1003*/s_pending--;
        }
    }
}
