using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>Where an awaiter resumes after a ring operation, and whether operations are tried on the caller first.</summary>
public enum DeliveryMode
{
    /// <summary>Continuations on the thread pool, no attempt first: every operation reaches the backend (<see cref="Backends.Create"/>).</summary>
    Pool,

    /// <summary>The options as users get them by default: pool continuations, and reads, writes, recv and send tried on the caller first.</summary>
    PoolTryFirst,

    /// <summary>
    /// <see cref="IoRingOptions.InlineContinuations"/>: continuations run on the backend's completion thread (the ring
    /// thread, the Linux AIO reaper, or the worker that ran the call). No attempt first, so each await really waits
    /// for that thread.
    /// </summary>
    Inline,

    /// <summary>
    /// The scenario runs inside <see cref="IoRing.RunOnRingAsync(Func{Task})"/>, default options. On io_uring it runs on
    /// the ring thread under <see cref="IoRing.RingContext"/>; Linux AIO and workers have no ring thread for user code,
    /// so it runs on the thread pool with no context (what the API documents).
    /// </summary>
    RingContext,
}

/// <summary>The contract matrix: every backend in every delivery mode, and how a scenario runs in each.</summary>
public static class DeliveryModes
{
    /// <summary>Every backend crossed with every delivery mode.</summary>
    public static TheoryData<IoBackend, DeliveryMode> Matrix
    {
        get
        {
            var cases = new TheoryData<IoBackend, DeliveryMode>();
            foreach (IoBackend backend in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
            {
                foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
                {
                    cases.Add(backend, mode);
                }
            }

            return cases;
        }
    }

    private static int _rings;

    /// <summary>
    /// A ring on <paramref name="backend"/> set up for <paramref name="mode"/>, with a name of its own so its metrics
    /// (<see cref="EachEndedOnce"/>) count nothing from the tests running beside it.
    /// </summary>
    public static IoRing Create(IoBackend backend, DeliveryMode mode, int capacity = 256)
    {
        string name = $"matrix-{Interlocked.Increment(ref _rings)}";
        if (mode == DeliveryMode.Pool)
        {
            return Backends.Create(backend, capacity, name);
        }

        var options = new IoRingOptions { Backend = backend, Capacity = capacity, Name = name };
        if (mode == DeliveryMode.Inline)
        {
            options.InlineContinuations = true;
            options.TryNonBlockingFirst = false;
        }

        IoRing ring = IoRing.Create(options);
        Assert.Equal(backend, ring.Backend);
        return ring;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> the way <paramref name="mode"/> says, bounded so a hang fails the test. Outside
    /// the ring context the scenario runs on a pool thread with no synchronization context (as in a server), so
    /// inline continuations really resume on the completion thread rather than through the test runner's context.
    /// In the ring context it checks where the scenario runs, and, when <paramref name="endsOnRing"/>, that every
    /// await brought it back to the ring thread.
    /// </summary>
    public static Task Run(IoRing ring, DeliveryMode mode, Func<Task> scenario, bool endsOnRing = true)
    {
        if (mode != DeliveryMode.RingContext)
        {
            return ReliabilityAssert.Within(Task.Run(scenario), $"the scenario ({ring.Backend}, {mode})");
        }

        return ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            int thread = Environment.CurrentManagedThreadId;
            if (ring.Backend == IoBackend.IoUring)
            {
                Assert.NotNull(ring.RingContext);
                Assert.Same(ring.RingContext, SynchronizationContext.Current);
                Assert.EndsWith(" ring", Thread.CurrentThread.Name, StringComparison.Ordinal);
            }
            else
            {
                // No ring thread runs user code: the loop runs on the pool, as in the default mode.
                Assert.Null(ring.RingContext);
                Assert.Null(SynchronizationContext.Current);
                Assert.True(Thread.CurrentThread.IsThreadPoolThread, "the loop of a ring without a ring thread runs on the pool");
            }

            await scenario();

            if (endsOnRing && ring.Backend == IoBackend.IoUring)
            {
                Assert.Same(ring.RingContext, SynchronizationContext.Current);
                Assert.Equal(thread, Environment.CurrentManagedThreadId);
            }
        }), $"the scenario ({ring.Backend}, {mode})");
    }

    /// <summary>
    /// Awaits <paramref name="call"/> and returns the <typeparamref name="TException"/> it ended with (thrown at once or
    /// from the await); any other exception propagates. A plain await, so the ring context is kept.
    /// </summary>
    public static async Task<TException> Fails<TException>(Func<Task> call)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException expected)
        {
            return expected;
        }

        throw new Xunit.Sdk.XunitException($"expected {typeof(TException).Name}, but the call completed");
    }

    /// <summary>
    /// Every operation the ring admitted ended exactly once, as the scenario expects: the ring's own counters (admitted,
    /// completed, cancelled or disposed, failed with an errno) add up and match. A pre-cancelled call is never admitted.
    /// </summary>
    internal static void EachEndedOnce(ImmediateAttemptTests.RingCounts counts, int completed, int cancelled = 0, int failed = 0)
    {
        // (admitted, completed, cancelled, failed)
        Assert.Equal(
            ((long)completed + cancelled + failed, (long)completed, (long)cancelled, (long)failed),
            (counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"], counts["asyncsys.ops.cancelled"], counts["asyncsys.ops.failed"]));
    }

    /// <summary>Waits (without blocking the thread) until <paramref name="count"/> operations are on the ring or on a worker.</summary>
    public static async Task UntilPending(IoRing ring, int count = 1)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnRing or InFlightState.OnWorker) < count)
        {
            Assert.True(clock.Elapsed < ReliabilityAssert.Bound, $"{count} operation(s) never reached the backend");
            await Task.Delay(1);
        }
    }
}
