// A checkpointer sets a per-thread deadline before making the whole filesystem durable with syncfs, and the syncfs
// wrapper (offloaded to an AsyncSys worker: syncfs has no ring opcode) checks that deadline to skip the sync when the
// checkpoint is already late. On the worker the [ThreadStatic] field is the worker's own (0, or a stale deadline of
// another checkpoint), so late checkpoints still sync for seconds and on-time ones are skipped.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round36.ThreadState.CheckpointSyncfsDeadline;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    internal static extern int SyncFs(int fd);
}

public static partial class Checkpoint
{
    [ThreadStatic]
    internal static long t_deadlineTicks;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncFilesystem(int fd)
    {
        if (/*~ASYS1002*/t_deadlineTicks != 0 && Environment.TickCount64 > t_deadlineTicks)
        {
            return 0;
        }

        return Native.SyncFs(fd);
    }
}
