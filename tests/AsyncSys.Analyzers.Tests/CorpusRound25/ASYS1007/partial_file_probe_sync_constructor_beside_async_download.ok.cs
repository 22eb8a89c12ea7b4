// A resumable download's synchronous setup (a constructor, called while the plan is built) preallocates the file with
// the blocking wrapper, while the async download loop awaits the generated variant for later growth. Blocking in
// synchronous code is the caller's choice; the rule is about async code.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Blocking.SyncSetupPreallocate;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate64", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public static partial class Prealloc
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reserve(int fd, long length) => Native.Fallocate(fd, 0, 0, length);
}

public sealed class ResumableDownload
{
    private readonly int _fd;

    public ResumableDownload(int fd, long expectedLength)
    {
        _fd = fd;
        if (Prealloc.Reserve(fd, expectedLength) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fallocate");
        }
    }

    public async Task GrowAsync(long newLength, CancellationToken ct)
    {
        await Prealloc.ReserveAsync(_fd, newLength, ct);
    }
}
