// The last descriptor synced is published with Volatile.Write: last writer wins, nothing is lost.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round2;

internal static partial class Syncs
{
    private static int s_lastSynced = -1;

    internal static int LastSynced => Volatile.Read(ref s_lastSynced);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFsRaw(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int SyncFs(int fd)
    {
        int rc = SyncFsRaw(fd);
        Volatile.Write(ref s_lastSynced, fd);
        return rc;
    }
}
