// A multi-group Raft host installs received snapshots by renaming them into place on a worker, and counts installs with Interlocked.Increment on a static field.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Consensus.Snapshots;

public static partial class SnapshotStore
{
    private static long s_installed;

    [DllImport("libc", SetLastError = true)]
    private static extern int rename(string oldPath, string newPath);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Install(string received, string current)
    {
        int rc = rename(received, current);
        if (rc == 0) Interlocked.Increment(ref s_installed);
        return rc;
    }

    public static long Installed => Volatile.Read(ref s_installed);
}
