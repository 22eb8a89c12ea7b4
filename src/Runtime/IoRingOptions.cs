using System;

namespace AsyncSys;

/// <summary>Settings for <see cref="IoRing.Create(IoRingOptions?)"/>. The defaults suit a server process.</summary>
public sealed class IoRingOptions
{
    /// <summary>The largest <see cref="Capacity"/>.</summary>
    public const int MaxCapacity = 8192;

    /// <summary>
    /// How many operations may be in flight at once (the operation table's size). Callers beyond it wait
    /// for a slot; nothing is dropped. Default 1024.
    /// </summary>
    public int Capacity { get; set; } = 1024;

    /// <summary>The largest <see cref="Rings"/>.</summary>
    public const int MaxRings = 64;

    /// <summary>
    /// How many kernel rings the <see cref="IoRing"/> spreads over, each with its own ring thread, operation table
    /// and workers (<see cref="Capacity"/> and <see cref="MaxWorkerThreads"/> apply to each ring). Default 1. With more, a submitting thread uses the ring of the
    /// processor it runs on, so threads on different cores share no queue lock or ring thread, and loops started
    /// with <see cref="IoRing.RunOnRingAsync(Func{System.Threading.Tasks.Task})"/> take turns over the rings, so
    /// ring-thread code can use every core (one ring per core for a server whose connection loops all run on ring
    /// threads). Counts, lists, quiesce and cancels of the <see cref="IoRing"/> cover every ring.
    /// <see cref="IoRing.Shared"/> uses one ring per two processors.
    /// </summary>
    public int Rings { get; set; } = 1;

    /// <summary>
    /// The most blocking-call worker threads (started on demand, then kept). Default: twice the processor
    /// count, at least 4.
    /// </summary>
    public int MaxWorkerThreads { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>
    /// Which kernel interface to use. <see cref="IoBackend.Auto"/> (the default) tries io_uring, then Linux AIO,
    /// then workers, and honours the <c>ASYNCSYS_BACKEND</c> environment variable (<c>io_uring</c>, <c>aio</c>,
    /// <c>workers</c>). An explicit choice that the kernel refuses makes <see cref="IoRing.Create"/> throw.
    /// </summary>
    public IoBackend Backend { get; set; } = IoBackend.Auto;

    /// <summary>
    /// Run every awaiter's continuation directly on the ring's completion thread instead of the thread pool.
    /// Saves a thread hop per operation, but a continuation that blocks stalls every operation on the ring (a
    /// watchdog moves them to the pool for a while after one runs past 1 ms). Default <see langword="false"/>:
    /// only code you run on the ring with <see cref="IoRing.RunOnRingAsync(Func{System.Threading.Tasks.Task})"/>
    /// resumes on the ring thread.
    /// </summary>
    public bool InlineContinuations { get; set; }

    /// <summary>
    /// Try reads, writes, recv, send and accept on the calling thread first, in their non-blocking form
    /// (preadv2/pwritev2 with RWF_NOWAIT, recv/send with MSG_DONTWAIT, accept4 when the listener is O_NONBLOCK),
    /// and put them on the ring only when the
    /// kernel says they would block. A page-cache hit or a ready socket then completes at once, with no ring
    /// round trip and no thread hop. Default <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// Never tried: O_DIRECT descriptors (found once per descriptor with fcntl, and every <see cref="DirectFileHandle"/>),
    /// writes to O_APPEND descriptors,
    /// requests made with <see cref="RingRequest.WithoutImmediateAttempt"/>, recv with MSG_WAITALL. A descriptor
    /// whose attempts keep saying EAGAIN (cold data, an idle socket) is skipped for a growing number of
    /// operations. A failed attempt is not reported: the ring runs the operation and its answer is the result.
    /// The metric <c>asyncsys.ops.immediate</c> counts the operations completed this way.
    /// <para>A thread that has completed 16 operations of a ring in a row this way while other thread-pool work is
    /// waiting resumes its next awaiter from the back of the pool's queue, so one loop of page-cache hits cannot keep
    /// a thread from the others.</para>
    /// </remarks>
    public bool TryNonBlockingFirst { get; set; } = true;

    /// <summary>
    /// Run a blocking call (<see cref="IoRing.RunBlockingAsync{TState}"/>) without a worker once its call site has shown
    /// it finishes within a fraction of a millisecond, instead of handing it to a worker and back (two thread
    /// wake-ups): on the calling thread-pool thread, or, for a call with a cancel hook (one that can wait), on a
    /// thread-pool work item, so the method returns at once. Two runs longer than 1 ms within 64 runs send the site
    /// back to the workers. Default <see langword="true"/>; false keeps every blocking call on the ring's dedicated workers.
    /// </summary>
    public bool RunShortBlockingCallsOnCaller { get; set; } = true;

    /// <summary>
    /// How long <see cref="IoRing.Dispose"/> waits for cancelled operations to complete before it gives up on
    /// them (they stay pinned, their memory is not freed, and they are listed in <see cref="IoRing.Abandoned"/>).
    /// Default 10 seconds.
    /// </summary>
    public TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// io_uring completion queue entries; 0 (the default) means twice the submission queue. The kernel needs at
    /// least as many completion entries as submission entries (4 per <see cref="Capacity"/> slot plus 16, rounded up
    /// to a power of two: 64 for a capacity of 8), so a value below that is rejected here with
    /// <see cref="ArgumentOutOfRangeException"/> rather than by io_uring_setup. The smallest accepted value is what
    /// tests of completion-queue overflow use (the kernel keeps overflowed completions; none is lost). At most 65536.
    /// </summary>
    public int CompletionQueueEntries { get; set; }

    /// <summary>What a submission does while the ring is quiesced: wait for it to reopen (the default) or throw.</summary>
    public QuiescedSubmissions WhileQuiesced { get; set; } = QuiescedSubmissions.Wait;

    /// <summary>A name for the ring's threads and its metrics. Default "AsyncSys".</summary>
    public string Name { get; set; } = "AsyncSys";

    /// <summary>Test hook: operations to treat as missing from the kernel's probe (they must then run on workers).</summary>
    internal RingOp[] PretendKernelLacks { get; set; } = Array.Empty<RingOp>();

    /// <summary>Test hook: io_uring behaves as if its probe had found no bulk cancel (IORING_ASYNC_CANCEL_ALL).</summary>
    internal bool PretendKernelLacksBulkCancel { get; set; }

    /// <summary>
    /// Test and benchmark hook: the optional io_uring kernel features to ask for (the kernel may refuse any of
    /// them). Tests leave some out to exercise each fallback; the benchmark measures what each is worth.
    /// </summary>
    internal Backends.IoUring.IoUringKernelFeatures KernelFeatures { get; set; } = Backends.IoUring.IoUringKernelFeatures.Default;

    /// <summary>Test hook: how long code on a ring thread may run before the watchdog trips (null: 1 ms).</summary>
    internal TimeSpan? LongContinuationThreshold { get; set; }

    /// <summary>Test hook: how long a tripped watchdog first keeps unbound continuations on the pool (null: 100 ms).</summary>
    internal TimeSpan? PoolDeliveryPeriod { get; set; }

    /// <summary>Test hook: how quickly a blocking call must complete to count as short (null: the built-in limits).</summary>
    internal TimeSpan? ShortBlockingCallLimit { get; set; }

    /// <summary>Test hook: whether other thread-pool work waits (null: ThreadPool.PendingWorkItemCount is above 0).</summary>
    internal Func<bool>? OtherWorkWaiting { get; set; }

    /// <summary>Checks the settings and returns a copy for the ring to keep.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it, and the parameter is <c>options</c> (of <see cref="IoRing.Create"/>).</exception>
    internal IoRingOptions Validate()
    {
        if (Capacity < 1 || Capacity > MaxCapacity)
        {
            throw Invalid(Capacity, $"IoRingOptions.Capacity must be between 1 and {MaxCapacity}.");
        }

        if (MaxWorkerThreads < 1 || MaxWorkerThreads > 1024)
        {
            throw Invalid(MaxWorkerThreads, "IoRingOptions.MaxWorkerThreads must be between 1 and 1024.");
        }

        if (Rings < 1 || Rings > MaxRings)
        {
            throw Invalid(Rings, $"IoRingOptions.Rings must be between 1 and {MaxRings}.");
        }

        if (DisposeTimeout < TimeSpan.Zero)
        {
            throw Invalid(DisposeTimeout, "IoRingOptions.DisposeTimeout cannot be negative.");
        }

        if (CompletionQueueEntries != 0)
        {
            // io_uring_setup answers EINVAL to a completion queue smaller than the submission queue, and Auto would
            // then silently fall back to AIO (issue 16, item 17): say it here, with the numbers.
            uint submissionEntries = BackendSelector.SubmissionQueueEntries(Capacity);
            if (CompletionQueueEntries < submissionEntries || CompletionQueueEntries > BackendSelector.MaxCompletionQueueEntries)
            {
                throw Invalid(
                    CompletionQueueEntries,
                    $"IoRingOptions.CompletionQueueEntries must be 0 (automatic) or between {submissionEntries} (the submission queue size for a Capacity of {Capacity}) and {BackendSelector.MaxCompletionQueueEntries}.");
            }
        }

        if (!Enum.IsDefined(Backend))
        {
            throw Invalid(Backend, "IoRingOptions.Backend is not an IoBackend value.");
        }

        return new IoRingOptions
        {
            Capacity = Capacity,
            Rings = Rings,
            MaxWorkerThreads = MaxWorkerThreads,
            Backend = Backend,
            InlineContinuations = InlineContinuations,
            TryNonBlockingFirst = TryNonBlockingFirst,
            RunShortBlockingCallsOnCaller = RunShortBlockingCallsOnCaller,
            DisposeTimeout = DisposeTimeout,
            CompletionQueueEntries = CompletionQueueEntries,
            WhileQuiesced = WhileQuiesced,
            PretendKernelLacks = PretendKernelLacks,
            PretendKernelLacksBulkCancel = PretendKernelLacksBulkCancel,

            KernelFeatures = KernelFeatures,
            ShortBlockingCallLimit = ShortBlockingCallLimit,
            OtherWorkWaiting = OtherWorkWaiting,
            LongContinuationThreshold = LongContinuationThreshold,
            PoolDeliveryPeriod = PoolDeliveryPeriod,
            Name = string.IsNullOrEmpty(Name) ? "AsyncSys" : Name,
        };
    }

    // The caller passed these settings as IoRing.Create's `options`: that is the parameter to name.
    private static ArgumentOutOfRangeException Invalid(object value, string message) => new("options", value, message);
}
