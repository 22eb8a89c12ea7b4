// The same publisher, recording finished paths under a lock: concurrent workers add one at a time.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.SharedState.CompletedListLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    internal static extern int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}

public static partial class Publisher
{
    private static readonly object s_gate = new();
    internal static readonly List<string> s_completed = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Publish(int dirFd, string tempName, string finalName)
    {
        int rc = Native.RenameAt2(dirFd, tempName, dirFd, finalName, 0);
        if (rc == 0)
        {
            lock (s_gate)
            {
                s_completed.Add(finalName);
            }
        }

        return rc;
    }
}
