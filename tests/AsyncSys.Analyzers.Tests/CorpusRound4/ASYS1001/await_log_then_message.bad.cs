using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round4.Errno.AwaitLog;

internal static class Syncer
{
    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(int fd);

    public static async Task FlushAsync(int fd, TextWriter log, CancellationToken cancellationToken)
    {
        if (fdatasync(fd) != 0)
        {
            await log.WriteLineAsync($"fdatasync({fd}) failed".AsMemory(), cancellationToken).ConfigureAwait(false);
            throw new IOException(/*~ASYS1001*/Marshal.GetLastPInvokeErrorMessage());   // after the await: another thread's errno
        }
    }
}
