using System.Runtime.InteropServices;
using AsyncSys;

namespace Round3.Stats;

public static partial class Journal
{
    private static int s_syncCalls;

    public static int SyncCalls => s_syncCalls;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    // a ring operation: the variant submits an fsync and never runs this body on a worker
    [AsyncSyscall(RingOp.Fsync)]
    public static int SyncJournal(int fd)
    {
        s_syncCalls++;
        return fsync(fd);
    }
}
