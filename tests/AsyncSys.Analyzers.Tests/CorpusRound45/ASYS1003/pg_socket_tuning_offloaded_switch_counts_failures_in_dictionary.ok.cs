// A Postgres-wire server's offloaded socket-tuning wrapper picks setsockopt's level and name with a switch expression and counts failures per option in a static ConcurrentDictionary.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus45.PgTuningOk;

internal enum TuneOption { NoDelay, KeepAlive, QuickAck }

internal static unsafe partial class SocketTuning
{
    private static readonly ConcurrentDictionary<TuneOption, int> s_failures = new();

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
            s_failures.AddOrUpdate(option, 1, static (_, n) => n + 1);
        }

        return rc;
    }
}
