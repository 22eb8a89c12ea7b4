// A lock-file wrapper offloaded to the workers records each wait in a shared list under Monitor.TryEnter, and when the monitor is busy it counts the dropped sample instead, with a plain ++ outside the lock that concurrent workers lose.
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus48.FlockSamplesBad;

internal static partial class LockFile
{
    private const int LOCK_EX = 2;
    private static readonly object s_gate = new();
    private static readonly List<long> s_waits = new();
    private static int s_dropped;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Acquire(int fd)
    {
        long started = Stopwatch.GetTimestamp();
        int rc = Flock(fd, LOCK_EX);
        long waited = Stopwatch.GetTimestamp() - started;
        if (Monitor.TryEnter(s_gate))
        {
            try
            {
                s_waits.Add(waited);
            }
            finally
            {
                Monitor.Exit(s_gate);
            }
        }
        else
        {
            /*~ASYS1003*/s_dropped++;
        }

        return rc;
    }
}
