// The same resume, awaiting the wrapper's generated variant: the truncate runs on an AsyncSys worker and errno comes
// back in the ErrnoException.
using System.Threading;
using System.Threading.Tasks;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.Blocking.ResumeTruncateAsync;

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
        await PartialFiles.CutBackAsync(fd, verifiedLength, ct);
        return verifiedLength;
    }
}
