using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.PerThread.RingWrapper;

public static partial class Disk
{
    [ThreadStatic]
    private static int t_syncs;

    public static int SyncsOnThisThread => t_syncs;

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int fsync_raw(int fd);

    // fsync has a ring opcode: FsyncAsync submits it to the ring and never runs this body on a worker. (Written as
    // plain [AsyncSyscall]; stated explicitly since the generator asks, ASYS0015, for a wrapper with a body.)
    [AsyncSyscall(RingOp.Fsync)]
    public static int Fsync(int fd)
    {
        t_syncs++;
        return fsync_raw(fd);
    }
}
