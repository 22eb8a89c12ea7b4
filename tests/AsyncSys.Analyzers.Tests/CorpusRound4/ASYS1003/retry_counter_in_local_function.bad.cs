using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.RetryCounter;

public static partial class Locks
{
    private const int EINTR = 4;
    private static int s_retries;

    public static int Retries => s_retries;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockRetrying(int fd, int operation)
    {
        while (true)
        {
            int rc = flock_raw(fd, operation);
            if (rc == 0 || Marshal.GetLastPInvokeError() != EINTR)
            {
                return rc;
            }

            NoteRetry();
        }

        static void NoteRetry() => /*~ASYS1003*/s_retries++;
    }
}
