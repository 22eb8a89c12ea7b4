using System;
using System.Collections.Generic;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// The optional io_uring setup and enter features a ring asks the kernel for. Each is probed by trying it: a
/// kernel that answers EINVAL (or refuses the registration) gets the ring without it. Tests and the benchmark
/// choose them through <see cref="IoRingOptions.KernelFeatures"/> to exercise the fallbacks and measure each one.
/// </summary>
[Flags]
internal enum IoUringKernelFeatures
{
    None = 0,

    /// <summary>
    /// IORING_SETUP_SINGLE_ISSUER (6.0): only the ring thread submits, so the kernel can skip the locking it needs
    /// for concurrent submitters. Set up disabled (IORING_SETUP_R_DISABLED) and enabled by the ring thread, which
    /// thereby becomes the single issuer.
    /// </summary>
    SingleIssuer = 1 << 0,

    /// <summary>
    /// IORING_SETUP_DEFER_TASKRUN (6.1, needs <see cref="SingleIssuer"/>): completion work waits until the ring
    /// thread asks for events, instead of interrupting it whenever a request finishes; with
    /// IORING_SETUP_TASKRUN_FLAG the kernel says in the submission ring's flags when such work is waiting.
    /// </summary>
    DeferTaskRun = 1 << 1,

    /// <summary>
    /// IORING_SETUP_COOP_TASKRUN with IORING_SETUP_TASKRUN_FLAG (5.19): completion work runs when the ring thread
    /// enters the kernel anyway, with no inter-processor interrupt. The fallback when deferred task work is refused.
    /// </summary>
    CoopTaskRun = 1 << 2,

    /// <summary>
    /// IORING_REGISTER_RING_FDS (5.18): the ring thread registers the ring's descriptor with itself and enters with
    /// IORING_ENTER_REGISTERED_RING, which saves the descriptor lookup (an atomic reference count in a
    /// multi-threaded process) on every io_uring_enter.
    /// </summary>
    RegisteredRingFd = 1 << 3,

    /// <summary>
    /// IORING_ENTER_EXT_ARG (5.11, IORING_FEAT_EXT_ARG): waits for completions with a timeout inside
    /// io_uring_enter. Used where the ring thread must poll (its wake descriptor was lost), instead of sleeping
    /// a fixed millisecond between polls.
    /// </summary>
    ExtArgWait = 1 << 4,

    All = SingleIssuer | DeferTaskRun | CoopTaskRun | RegisteredRingFd | ExtArgWait,

    /// <summary>
    /// What a ring asks for: everything but deferred task work. Deferred task work only posts completions when the
    /// ring thread asks for them with an extra io_uring_enter, where cooperative task work posts them on the ring
    /// thread's next kernel entry anyway (a yield, a timer tick): measured on 32 O_DIRECT reads in flight, it made
    /// 3x the io_uring_enter calls (11 instead of 31 entries each) and cost 15-25 % of the reads per second.
    /// </summary>
    Default = SingleIssuer | CoopTaskRun | RegisteredRingFd | ExtArgWait,
}

/// <summary>Names for <see cref="IoUringKernelFeatures"/> in diagnostics.</summary>
internal static class IoUringKernelFeatureNames
{
    /// <summary>For example "single issuer, deferred task work, registered ring fd, timed waits"; "none" when none is in use.</summary>
    internal static string Describe(IoUringKernelFeatures features)
    {
        var names = new List<string>();
        if ((features & IoUringKernelFeatures.SingleIssuer) != 0)
        {
            names.Add("single issuer");
        }

        if ((features & IoUringKernelFeatures.DeferTaskRun) != 0)
        {
            names.Add("deferred task work");
        }

        if ((features & IoUringKernelFeatures.CoopTaskRun) != 0)
        {
            names.Add("cooperative task work");
        }

        if ((features & IoUringKernelFeatures.RegisteredRingFd) != 0)
        {
            names.Add("registered ring fd");
        }

        if ((features & IoUringKernelFeatures.ExtArgWait) != 0)
        {
            names.Add("timed waits");
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
