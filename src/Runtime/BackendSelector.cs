using System;
using System.Collections.Generic;
using AsyncSys.Backends;
using AsyncSys.Backends.IoUring;
using AsyncSys.Backends.LinuxAio;
using AsyncSys.Operations;

namespace AsyncSys;

/// <summary>Chooses the backend: the option, the ASYNCSYS_BACKEND variable, then the fallback chain.</summary>
internal static class BackendSelector
{
    /// <summary>The environment variable operators use to force a backend: io_uring, aio or workers.</summary>
    internal const string EnvironmentVariable = "ASYNCSYS_BACKEND";

    internal static IRingBackend Select(IoRingOptions options, OperationTable table, out string description)
    {
        IoBackend requested = options.Backend;
        string source = "option";
        if (requested == IoBackend.Auto && Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value)
        {
            requested = Parse(value);
            source = EnvironmentVariable;
        }

        if (requested != IoBackend.Auto)
        {
            // An explicit choice is honoured or fails loudly: no silent fallback.
            IRingBackend chosen = Create(requested, options, table);
            description = $"{Label(chosen)} (chosen by {source})";
            return chosen;
        }

        var refusals = new List<string>();
        foreach (IoBackend candidate in new[] { IoBackend.IoUring, IoBackend.LinuxAio })
        {
            try
            {
                IRingBackend backend = Create(candidate, options, table);
                description = refusals.Count == 0 ? Label(backend) : $"{Label(backend)} ({string.Join("; ", refusals)})";
                return backend;
            }
            catch (ErrnoException ex) when (IsRefusal(ex.Errno))
            {
                refusals.Add($"{Name(candidate)} refused: {ex.Syscall} {ex.ErrnoName}");
            }
            catch (NotSupportedException ex)
            {
                refusals.Add($"{Name(candidate)} unavailable: {ex.Message}");
            }
        }

        description = $"workers ({string.Join("; ", refusals)})";
        return new NoRingBackend();
    }

    /// <summary>
    /// Errors that mean "not this backend here", so Auto tries the next one: refused by policy (EPERM, EACCES,
    /// seccomp), absent (ENOSYS, EINVAL), or out of a resource the next backend may not need: memory or locked
    /// memory (ENOMEM), descriptors (EMFILE, ENFILE: the workers backend opens none up front), or a thread
    /// (EAGAIN from pthread_create, see IoUringBackend.StartThread).
    /// </summary>
    private static bool IsRefusal(int errno) =>
        errno is Errno.EPERM or Errno.ENOSYS or Errno.ENOMEM or Errno.EINVAL or Errno.EACCES or Errno.EAGAIN or Errno.EMFILE or Errno.ENFILE;

    private static IRingBackend Create(IoBackend backend, IoRingOptions options, OperationTable table)
    {
        uint sq = SubmissionQueueEntries(options.Capacity);
        uint cq = options.CompletionQueueEntries > 0 ? (uint)options.CompletionQueueEntries : sq * 2;
        return backend switch
        {
            IoBackend.IoUring => new IoUringBackend(table, sq, cq, options.Name + " ring", options.InlineContinuations, options.PretendKernelLacks, options.PretendKernelLacksBulkCancel, options.KernelFeatures, Watchdog(options)),
            IoBackend.LinuxAio => new LinuxAioBackend(table, options.Name + " aio", options.InlineContinuations, Watchdog(options)),
            IoBackend.Workers => new NoRingBackend(),
            _ => throw new ArgumentOutOfRangeException(nameof(backend)),
        };
    }

    private static Operations.ContinuationWatchdog Watchdog(IoRingOptions options) =>
        new(options.Name, options.LongContinuationThreshold, options.PoolDeliveryPeriod);

    internal static IoBackend Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "io_uring" or "iouring" or "uring" => IoBackend.IoUring,
        "aio" or "linuxaio" or "linux_aio" => IoBackend.LinuxAio,
        "workers" or "worker" or "threads" => IoBackend.Workers,
        "auto" or "" => IoBackend.Auto,
        _ => throw new InvalidOperationException($"{EnvironmentVariable}='{value}' is not a backend: use io_uring, aio, workers or auto."),
    };

    /// <summary>The backend's name, and for io_uring the optional kernel features it uses, e.g. "io_uring [single issuer, deferred task work]".</summary>
    private static string Label(IRingBackend backend) =>
        backend is IoUringBackend uring ? $"{Name(IoBackend.IoUring)} [{IoUringKernelFeatureNames.Describe(uring.KernelFeatures)}]" : Name(backend.Kind);

    internal static string Name(IoBackend backend) => backend switch
    {
        IoBackend.IoUring => "io_uring",
        IoBackend.LinuxAio => "aio",
        IoBackend.Workers => "workers",
        _ => "auto",
    };

    /// <summary>
    /// The io_uring submission queue size for a table of <paramref name="capacity"/> slots. Between two
    /// io_uring_enter calls one slot can need 4 entries: a late cancel for its previous occupant, then the new
    /// occupant, its linked timeout and its own cancel; plus room for the wake read and bulk cancels. Sized so the
    /// queue is normally never the reason a submitter waits; when it is (capacity near the kernel's 32768 cap),
    /// submitters wait without holding the queue lock and cancels are queued, so it is slower, never stuck.
    /// </summary>
    internal static uint SubmissionQueueEntries(int capacity) => RoundUpToPowerOfTwo((uint)(capacity * 4) + 16);

    /// <summary>The largest completion queue the kernel accepts (IORING_MAX_CQ_ENTRIES).</summary>
    internal const int MaxCompletionQueueEntries = 65536;

    private static uint RoundUpToPowerOfTwo(uint value)
    {
        uint result = 1;
        while (result < value)
        {
            result <<= 1;
        }

        return Math.Min(result, 32768);
    }
}
