// The peak is updated outside the lock that guards the count.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Leases
{
    private static readonly object s_gate = new();
    private static int s_active;
    private static int s_peak;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int TakeReadLease(int fd)
    {
        int result = Fcntl(fd, 1024, 0);
        if (result == 0)
        {
            int active;
            lock (s_gate)
            {
                active = ++s_active;
            }

            if (active > s_peak)
            {
                /*~ASYS1003*/s_peak = active;
            }
        }

        return result;
    }
}
