// fdatasync's errno is kept in a local before the awaited flush, and classified afterwards.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int Fdatasync(int fd);
}

internal static class Journal
{
    public static async Task<string> CommitAsync(int fd, TextWriter log, CancellationToken cancellationToken)
    {
        int rc = Native.Fdatasync(fd);
        int errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        return errno switch
        {
            0 => "ok",
            Errno.EIO => "media error",
            Errno.ENOSPC => "disk full",
            _ => "failed",
        };
    }
}
