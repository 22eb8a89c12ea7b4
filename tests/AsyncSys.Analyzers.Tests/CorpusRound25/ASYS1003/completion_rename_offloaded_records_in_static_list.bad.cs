// A download group publishes each finished file with an offloaded renameat wrapper and records the final path in a
// static List for the group's summary. Files of the group finish on several workers at once: List.Add is not safe for
// concurrent writers and loses entries or throws from a resize, and the summary misses files that were downloaded.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.SharedState.CompletedList;

internal static class Native
{
    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    internal static extern int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}

public static partial class Publisher
{
    internal static readonly List<string> s_completed = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Publish(int dirFd, string tempName, string finalName)
    {
        int rc = Native.RenameAt2(dirFd, tempName, dirFd, finalName, 0);
        if (rc == 0)
        {
            /*~ASYS1003*/s_completed.Add(finalName);
        }

        return rc;
    }
}
