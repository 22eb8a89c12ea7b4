// A watcher that feeds an indexer adds an inotify watch for every directory the walker reports; it awaits the audit log
// line before looking at the result and reads errno after that await: the method may resume on another thread, whose
// saved error is unrelated, so ENOSPC (fs.inotify.max_user_watches reached) is missed and nobody is told to raise it.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round27.Errno.InotifyWatchAfterAwait;

internal static partial class Native
{
    internal const uint IN_CLOSE_WRITE = 0x8;
    internal const uint IN_MOVED_TO = 0x80;
    internal const uint IN_CREATE = 0x100;
    internal const uint IN_ONLYDIR = 0x01000000;
    internal const int ENOSPC = 28;

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed class WatchRegistrar(int inotifyFd, TextWriter audit)
{
    public bool WatchLimitReached { get; private set; }

    public async Task RunAsync(ChannelReader<string> directories, CancellationToken ct)
    {
        await foreach (string directory in directories.ReadAllAsync(ct))
        {
            int wd = Native.InotifyAddWatch(inotifyFd, directory, Native.IN_CREATE | Native.IN_MOVED_TO | Native.IN_CLOSE_WRITE | Native.IN_ONLYDIR);
            await audit.WriteLineAsync($"watch {directory} -> {wd}");
            if (wd < 0 && /*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.ENOSPC)
            {
                WatchLimitReached = true;
            }
        }
    }
}
