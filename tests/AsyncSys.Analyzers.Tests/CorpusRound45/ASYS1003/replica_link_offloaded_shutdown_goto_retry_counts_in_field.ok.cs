// A Redis replica link (a class with a primary constructor) has an offloaded instance shutdown wrapper that retries EINTR through a goto label and counts the retries with Interlocked.Increment.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus45.ReplicaLinkOk;

internal sealed partial class ReplicaLink(int socket)
{
    private const int EINTR = 4;
    private int _interruptedRetries;

    public int InterruptedRetries => Volatile.Read(ref _interruptedRetries);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static partial int ShutdownSocket(int fd, int how);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Drain(int how)
    {
        int rc;
    retry:
        rc = ShutdownSocket(socket, how);
        if (rc < 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
            Interlocked.Increment(ref _interruptedRetries);
            goto retry;
        }

        return rc;
    }
}
