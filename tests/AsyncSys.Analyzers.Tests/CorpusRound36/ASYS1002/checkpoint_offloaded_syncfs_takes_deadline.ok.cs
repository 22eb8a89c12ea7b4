// The offloaded syncfs wrapper made right: the deadline is an argument, captured by the caller on its own thread and
// carried to the worker with the call.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round36.ThreadState.CheckpointSyncfsDeadlineArg;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    internal static extern int SyncFs(int fd);
}

public static partial class Checkpoint
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncFilesystem(int fd, long deadlineTicks)
    {
        if (deadlineTicks != 0 && Environment.TickCount64 > deadlineTicks)
        {
            return 0;
        }

        return Native.SyncFs(fd);
    }
}
