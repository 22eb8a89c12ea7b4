// The WAL's checkpoint makes the filesystem durable with an offloaded syncfs wrapper that also advances a static
// "durable generation" the group-commit path compares against. Two checkpoints (log and manifest) sync at once on two
// workers: the read-increment-write of the static loses one bump, and a commit waiter believes an older generation is
// still not durable (or a newer one already is).
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round36.SharedState.WalDurableGeneration;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    internal static extern int SyncFs(int fd);
}

public static partial class Durability
{
    public static long DurableGeneration { get; private set; }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncAll(int fd)
    {
        int rc = Native.SyncFs(fd);
        if (rc == 0)
        {
            /*~ASYS1003*/DurableGeneration++;
        }

        return rc;
    }
}
