// A walker records the directory descriptor it is walking in a [ThreadStatic] field so its stat helper need not take it;
// the helper is offloaded (RingOp.None), so on the AsyncSys worker the field is that worker's (0, stdin; or another
// walk's directory) and each entry is stat'ed relative to the wrong directory (ENOTDIR, ENOENT, or another file's size).
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round27.ThreadState.OffloadedStatReadsThreadDir;

internal static partial class Native
{
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;

    [LibraryImport("libc", EntryPoint = "fstatat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FStatAt(int dirFd, string path, byte[] statBuffer, int flags);
}

public static partial class EntryStat
{
    [System.ThreadStatic]
    internal static int t_walkDirFd;

    public static void EnterDirectory(int dirFd) => t_walkDirFd = dirFd;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int StatEntry(string name, byte[] statBuffer) =>
        Native.FStatAt(/*~ASYS1002*/t_walkDirFd, name, statBuffer, Native.AT_SYMLINK_NOFOLLOW);
}
