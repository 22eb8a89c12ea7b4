using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.DisposeAsync;

public sealed partial class LockedFile : IAsyncDisposable
{
    private const int LOCK_UN = 8;
    private readonly IoRing _ring;
    private readonly int _fd;

    public LockedFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Unlock() => flock_raw(_fd, LOCK_UN);

    public async ValueTask DisposeAsync()
    {
        await _ring.FsyncAsync(_fd).ConfigureAwait(false);
        /*~ASYS1007*/Unlock();
        await _ring.CloseAsync(_fd).ConfigureAwait(false);
    }
}
