using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>Issue 16, items 12 and 17: IoRing.Shared retries a failed creation; a bad CQ size is rejected up front.</summary>
public sealed class SharedRingAndOptionsTests
{
    [Fact]
    public async Task A_failed_shared_ring_creation_is_retried_on_next_use_with_a_clear_error()
    {
        // Before the fix IoRing.Shared was a Lazy: one EMFILE at first touch failed every later use for good.
        int calls = 0;
        var cell = new SharedRingCell(() =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new ErrnoException(Errno.EMFILE, "io_uring_setup");
            }

            return IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers, Name = "shared-retry" });
        });

        InvalidOperationException first = Assert.Throws<InvalidOperationException>(() => cell.Value);
        ErrnoException cause = Assert.IsType<ErrnoException>(first.InnerException);
        Assert.Equal(Errno.EMFILE, cause.Errno);
        Assert.Contains("IoRing.Shared could not be created", first.Message, StringComparison.Ordinal);
        Assert.Contains("tries again", first.Message, StringComparison.Ordinal);

        IoRing ring = cell.Value;
        Assert.Same(ring, cell.Value);
        Assert.Equal(2, cell.Attempts);
        await ring.NopAsync();
        ring.Dispose();
    }

    [Fact]
    public void Callers_that_wait_on_a_failing_creation_share_its_error_instead_of_each_retrying()
    {
        int arrived = 0;
        var cell = new SharedRingCell(() =>
        {
            // Fail only once all eight callers are in (each counts itself just before it asks).
            SpinWait.SpinUntil(() => Volatile.Read(ref arrived) == 8, ReliabilityAssert.Bound);
            Thread.Sleep(200);
            throw new ErrnoException(Errno.EMFILE, "eventfd");
        });
        var errors = new Exception?[8];
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            Interlocked.Increment(ref arrived);
            try
            {
                _ = cell.Value;
            }
            catch (Exception ex)
            {
                errors[i] = ex;
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => ReliabilityAssert.Joins(t, "a caller of the shared ring"));

        Assert.All(errors, e => Assert.IsType<ErrnoException>(Assert.IsType<InvalidOperationException>(e).InnerException));
        Assert.Equal(1, cell.Attempts); // one attempt for the eight callers that arrived together
    }

    [Fact]
    public void CompletionQueueEntries_below_the_submission_queue_is_rejected_naming_the_minimum()
    {
        // Before the fix io_uring_setup failed with EINVAL and Auto silently picked AIO.
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            IoRing.Create(new IoRingOptions { Capacity = 8, CompletionQueueEntries = 16 }));
        Assert.Equal("options", error.ParamName); // IoRing.Create's parameter; the message names the setting
        Assert.Contains("IoRingOptions.CompletionQueueEntries", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 64 ", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => IoRing.Create(new IoRingOptions { CompletionQueueEntries = 1 << 20 }));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_smallest_completion_queue_accepted_runs_the_chosen_backend_and_loses_nothing(IoBackend backend)
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, CompletionQueueEntries = 64 });
        Assert.Equal(backend, ring.Backend);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        var tasks = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? ring.NopAsync().AsTask() : ring.ReadAsync(handle, new byte[64], 64).AsTask()).ToList();
        await ReliabilityAssert.Within(Task.WhenAll(tasks), "400 operations on a small completion queue");
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public void Auto_with_the_smallest_completion_queue_still_picks_io_uring()
    {
        using var probe = IoRing.Create(new IoRingOptions { Backend = IoBackend.Auto });
        if (probe.Backend != IoBackend.IoUring)
        {
            return; // this kernel refuses io_uring for other reasons (the fallback tests cover that)
        }

        using var ring = IoRing.Create(new IoRingOptions { Capacity = 8, CompletionQueueEntries = 64 });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
    }
}
