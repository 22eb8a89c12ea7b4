// Resuming a partial download: the temp file is cut back to the last verified range with ftruncate. When that fails
// the downloader closes the file through the ring (awaited) and only then reads errno for the exception. After the
// await the method runs on another thread whose errno has nothing to do with ftruncate, so the user sees a random
// error (or 0, "Success") instead of EFBIG or EIO.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Errno.ResumeTruncateAfterClose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int FTruncate(int fd, long length);
}

public sealed class PartialFile(IoRing ring)
{
    public async Task CutBackAsync(int fd, long verifiedLength)
    {
        if (Native.FTruncate(fd, verifiedLength) != 0)
        {
            await ring.CloseAsync(fd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "ftruncate", "resume at " + verifiedLength);
        }
    }
}
