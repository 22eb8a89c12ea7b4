// The same retention wrapper reporting each deleted segment through an unbounded Channel, whose writer is safe for
// any number of concurrent writers; a single reader folds the reports into the metric.
using System.Runtime.InteropServices;
using System.Threading.Channels;
using AsyncSys;

namespace Round14.SharedState.RetentionChannelReports;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnlinkAt(int dirFd, string path, int flags);
}

public static partial class Retention
{
    private static readonly Channel<(string Segment, int Files)> s_deleted =
        Channel.CreateUnbounded<(string Segment, int Files)>(new UnboundedChannelOptions { SingleReader = true });

    public static ChannelReader<(string Segment, int Files)> Deleted => s_deleted.Reader;

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
        s_deleted.Writer.TryWrite((baseName, files));
        return 0;
    }
}
