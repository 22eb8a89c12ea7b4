// The same change scan awaiting the generated StatxAsync in the Parallel.ForEachAsync body; a file removed since the
// listing (ENOENT) is skipped.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

namespace Round14.Blocking.ChangeScanParallelStatxAsync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int Statx(int dirFd, string path, int flags, uint mask, out AsyncSys.Statx statx);
}

public static class ChangeScanner
{
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_MTIME = 0x40;

    public static Task ScanAsync(int rootFd, IEnumerable<string> paths, long sinceSeconds, ChannelWriter<string> toHash, CancellationToken ct)
    {
        return Parallel.ForEachAsync(paths, ct, async (path, token) =>
        {
            AsyncSys.Statx stx;
            try
            {
                stx = await Native.StatxAsync(rootFd, path, AT_SYMLINK_NOFOLLOW, STATX_MTIME, token);
            }
            catch (ErrnoException e) when (e.Errno == Errno.ENOENT)
            {
                return;
            }

            if (stx.ModificationTime.Seconds > sinceSeconds)
            {
                await toHash.WriteAsync(path, token);
            }
        });
    }
}
