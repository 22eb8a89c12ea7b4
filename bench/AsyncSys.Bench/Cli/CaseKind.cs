namespace AsyncSys.Bench.Cli;

/// <summary>One way of doing the same I/O; every case of a run uses the same file, buffers, offsets and QD.</summary>
internal enum CaseKind
{
    /// <summary>RandomAccess.ReadAsync/WriteAsync: the baseline every ratio is taken against.</summary>
    RandomAccess,

    /// <summary>IoRing on io_uring, continuations on the thread pool (the default).</summary>
    IoUring,

    /// <summary>IoRing on io_uring with InlineContinuations = true.</summary>
    IoUringInline,

    /// <summary>IoRing on Linux AIO.</summary>
    LinuxAio,

    /// <summary>IoRing on its blocking-call workers.</summary>
    Workers,

    /// <summary>Synchronous RandomAccess.Read/Write, one dedicated thread per unit of queue depth.</summary>
    Sync,

    /// <summary>IoRing on io_uring, inline continuations, with a MeterListener on every AsyncSys instrument (the cost of metrics).</summary>
    IoUringMetered,

    /// <summary>IoRing on io_uring, thread-pool continuations, no non-blocking attempt first (TryNonBlockingFirst = false): the default before it.</summary>
    IoUringRingOnly,

    /// <summary>The default ring asking for the optional io_uring kernel features of --kernel (none unless given).</summary>
    IoUringKernelVariant,

    /// <summary>The inline ring asking for the optional io_uring kernel features of --kernel.</summary>
    IoUringInlineKernelVariant,

    /// <summary>The default ring, each loop run on the ring thread with IoRing.RunOnRingAsync (awaits keep the ring's context).</summary>
    IoUringRingContext,
}

/// <summary>Stable names used on the command line, in JSON and in the report.</summary>
internal static class CaseNames
{
    internal static string Id(CaseKind kind) => kind switch
    {
        CaseKind.RandomAccess => "randomaccess",
        CaseKind.IoUring => "iouring",
        CaseKind.IoUringInline => "inline",
        CaseKind.LinuxAio => "aio",
        CaseKind.Workers => "workers",
        CaseKind.Sync => "sync",
        CaseKind.IoUringMetered => "metered",
        CaseKind.IoUringRingOnly => "ringonly",
        CaseKind.IoUringKernelVariant => "kernel",
        CaseKind.IoUringInlineKernelVariant => "inlinekernel",
        CaseKind.IoUringRingContext => "ringcontext",
        _ => kind.ToString(),
    };

    internal static string Title(CaseKind kind, bool write) => kind switch
    {
        CaseKind.RandomAccess => write ? "RandomAccess.WriteAsync" : "RandomAccess.ReadAsync",
        CaseKind.IoUring => "IoRing io_uring",
        CaseKind.IoUringInline => "IoRing io_uring inline",
        CaseKind.LinuxAio => "IoRing Linux AIO",
        CaseKind.Workers => "IoRing workers",
        CaseKind.Sync => write ? "RandomAccess.Write, QD threads" : "RandomAccess.Read, QD threads",
        CaseKind.IoUringMetered => "IoRing io_uring inline + MeterListener",
        CaseKind.IoUringRingOnly => "IoRing io_uring, ring only",
        CaseKind.IoUringKernelVariant => "IoRing io_uring, --kernel",
        CaseKind.IoUringInlineKernelVariant => "IoRing io_uring inline, --kernel",
        CaseKind.IoUringRingContext => "IoRing io_uring, loops on the ring context",
        _ => kind.ToString(),
    };
}
