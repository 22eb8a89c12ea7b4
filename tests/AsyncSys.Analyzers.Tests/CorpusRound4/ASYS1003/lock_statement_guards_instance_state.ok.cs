using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round4.Shared.LockStatement;

public sealed partial class AdvisoryLock
{
    private const int LOCK_UN = 8;
    private readonly Lock _gate = new();
    private readonly int _fd;
    private bool _held;
    private int _acquisitions;

    public AdvisoryLock(int fd) => _fd = fd;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Apply(int operation)
    {
        int rc = flock_raw(_fd, operation);
        if (rc == 0)
        {
            lock (_gate)
            {
                _held = (operation & LOCK_UN) == 0;
                _acquisitions++;
            }
        }

        return rc;
    }

    public (bool Held, int Acquisitions) Snapshot()
    {
        lock (_gate)
        {
            return (_held, _acquisitions);
        }
    }
}
