// A broker's retention job deletes a segment's files with an offloaded wrapper (an ordinary method outside the table,
// RingOp.None) and counts the deletes in a static mutable struct (a rate window exported as a metric) through its
// Record method. Record writes the fields of the struct it is called on, which is the one static field here: the
// retention job awaits DeleteSegmentFilesAsync for many segments at once, and concurrent `+=` on the same field lose
// counts, so the dashboard under-reports deletes and the alert on "retention stalled" fires while it runs.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round14.SharedState.RetentionStaticStructWindow;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnlinkAt(int dirFd, string path, int flags);
}

internal struct DeleteCounter
{
    private long _files;

    public void Record(int files) => /*~ASYS1003*/_files += files;

    public readonly long Files => _files;
}

public static partial class Retention
{
    private static DeleteCounter s_deleted;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DeleteSegmentFiles(int logDirFd, string baseName)
    {
        int rc = Native.UnlinkAt(logDirFd, baseName + ".log", 0);
        if (rc < 0)
        {
            return rc;
        }

        // The sparse index may already be gone after a crash; its absence is not a failure.
        int files = Native.UnlinkAt(logDirFd, baseName + ".index", 0) == 0 ? 2 : 1;
        s_deleted.Record(files);
        return 0;
    }

    public static long DeletedFiles => s_deleted.Files;
}
