// A queue's offloaded lock wrapper retries flock in a loop and counts its retries in a field of the queue, which overlapping calls on two workers update at once.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Broker.Queues;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

public sealed partial class QueueFile
{
    private const int LOCK_EX = 2;
    private const int LOCK_NB = 4;
    private const int MaxRetries = 50;

    private readonly int _fd;
    private int _lockRetries;

    public QueueFile(int fd) => _fd = fd;

    public int LockRetries => Volatile.Read(ref _lockRetries);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int LockForCompaction()
    {
        for (int i = 0; i < MaxRetries; i++)
        {
            if (Sys.Flock(_fd, LOCK_EX | LOCK_NB) == 0)
            {
                return 0;
            }

            /*~ASYS1003*/_lockRetries++;
            Thread.Sleep(20);
        }

        return Sys.Flock(_fd, LOCK_EX);
    }
}
