// fdatasync's failure is classified with a switch expression after an awaited flush.
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
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (rc == 0)
        {
            return "ok";
        }

        return /*~ASYS1001*/Marshal.GetLastPInvokeError() switch
        {
            Errno.EIO => "media error",
            Errno.ENOSPC => "disk full",
            _ => "failed",
        };
    }
}
