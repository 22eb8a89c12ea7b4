// A group-commit flusher fdatasyncs every dirty segment and reports failures on a channel; it awaits room in the
// channel before reading errno. After the await the method may run on another thread, whose errno belongs to whatever
// it ran last: an EIO on a segment is reported as some other error (or none), and the segment is not fenced.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round23.Errno.GroupCommitFailures;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int FDataSync(int fd);
}

public sealed class GroupCommitFlusher(Channel<(int Fd, int Errno)> failures)
{
    public async Task FlushAsync(IReadOnlyList<int> dirtySegments, CancellationToken ct)
    {
        foreach (int fd in dirtySegments)
        {
            if (Native.FDataSync(fd) != 0)
            {
                await failures.Writer.WaitToWriteAsync(ct);
                failures.Writer.TryWrite((fd, /*~ASYS1001*/Marshal.GetLastPInvokeError()));
            }
        }
    }
}
