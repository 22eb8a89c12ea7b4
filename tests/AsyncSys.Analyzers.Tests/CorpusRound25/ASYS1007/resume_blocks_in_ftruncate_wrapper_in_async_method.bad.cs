// Resuming a download: an async method checks the partial file and cuts it back to the last verified range with a
// blocking ftruncate wrapper, although its generated variant exists. On a network filesystem (or a large file on ext4
// freeing extents) ftruncate can block for seconds, holding a thread-pool thread per resumed download.
using System.Threading;
using System.Threading.Tasks;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.Blocking.ResumeTruncate;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int FTruncate(int fd, long length);
}

public static partial class PartialFiles
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int CutBack(int fd, long length) => Native.FTruncate(fd, length);
}

public sealed class Resumer(IoRing ring)
{
    public async Task<long> ResumeAsync(int fd, long verifiedLength, CancellationToken ct)
    {
        await ring.FsyncAsync(fd, ct);
        if (/*~ASYS1007*/PartialFiles.CutBack(fd, verifiedLength) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
        }

        return verifiedLength;
    }
}
