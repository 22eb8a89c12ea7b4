using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Errno.Captured;

internal static class Durable
{
    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    public static async Task SyncAndReportAsync(int fd, TextWriter log)
    {
        int rc = fsync(fd);
        int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        await log.WriteLineAsync($"fsync({fd}) = {rc}");
        if (errno != 0)
        {
            throw new ErrnoException(errno, "fsync");
        }
    }
}
