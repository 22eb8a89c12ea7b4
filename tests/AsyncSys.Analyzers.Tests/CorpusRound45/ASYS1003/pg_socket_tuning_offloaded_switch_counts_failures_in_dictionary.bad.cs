// A Postgres-wire server's offloaded socket-tuning wrapper picks setsockopt's level and name with a switch expression and counts failures per option in a static Dictionary without a lock.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus45.PgTuningBad;

internal enum TuneOption { NoDelay, KeepAlive, QuickAck }

internal static unsafe partial class SocketTuning
{
    private static readonly Dictionary<TuneOption, int> s_failures = new();

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Tune(int fd, TuneOption option)
    {
        (int level, int name) = option switch
        {
            TuneOption.NoDelay => (6, 1),
            TuneOption.KeepAlive => (1, 9),
            TuneOption.QuickAck => (6, 12),
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };
        int on = 1;
        int rc = SetSockOpt(fd, level, name, &on, sizeof(int));
        if (rc is < 0)
        {
            /*~ASYS1003*/s_failures[option] = s_failures.GetValueOrDefault(option) + 1;
        }

        return rc;
    }
}
