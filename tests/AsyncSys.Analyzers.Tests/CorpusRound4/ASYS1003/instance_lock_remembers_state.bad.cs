using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.InstanceLock;

// One AdvisoryLock per file, shared by every request that touches the file.
public sealed partial class AdvisoryLock
{
    private const int LOCK_UN = 8;
    private readonly int _fd;
    private bool _held;
    private int _acquisitions;

    public AdvisoryLock(int fd) => _fd = fd;

    public bool Held => _held;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Apply(int operation)
    {
        int rc = flock_raw(_fd, operation);
        if (rc == 0)
        {
            /*~ASYS1003*/_held = (operation & LOCK_UN) == 0;
            /*~ASYS1003*/_acquisitions++;
        }

        return rc;
    }
}
