// The helper sets both under the lock.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Duplicates
{
    private static readonly object s_gate = new();
    private static readonly HashSet<int> s_open = new();
    private static int s_lastOpened;

    internal static int LastOpened
    {
        get
        {
            lock (s_gate)
            {
                return s_lastOpened;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int DupRaw(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Dup(int fd)
    {
        int copy = DupRaw(fd);
        if (copy >= 0)
        {
            Remember(copy);
        }

        return copy;
    }

    private static void Remember(int fd)
    {
        lock (s_gate)
        {
            s_open.Add(fd);
            s_lastOpened = fd;
        }
    }
}
