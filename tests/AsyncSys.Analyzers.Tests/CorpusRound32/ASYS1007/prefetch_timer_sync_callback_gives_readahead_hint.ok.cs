// The thumbnail worker's readahead hint is given in a synchronous helper that a non-async timer callback calls: no
// async method, lambda or local function calls the blocking wrapper.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round32.Blocking.ThumbnailHintFromTimer;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fadvise")]
    internal static extern int Fadvise(int fd, long offset, long length, int advice);
}

public static partial class Readahead
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Sequential(int fd, long length) => Native.Fadvise(fd, 0, length, 2);
}

public sealed class PrefetchTimer
{
    private readonly Timer _timer;
    private readonly int _nextFd;
    private readonly long _nextLength;

    public PrefetchTimer(int nextFd, long nextLength)
    {
        _nextFd = nextFd;
        _nextLength = nextLength;
        _timer = new Timer(_ => Hint(), null, 100, Timeout.Infinite);
    }

    private void Hint() => Readahead.Sequential(_nextFd, _nextLength);

    public void Stop() => _timer.Dispose();
}
