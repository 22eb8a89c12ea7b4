using System;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// When the io_uring ring thread fails for good (io_uring_enter returned an error it cannot go on from), every operation
/// ends exactly once: those in the kernel and those queued fail with the errno, later ones run on workers, and one that a
/// submitter found native just before the failure and hands to the ring just after it ends with the errno too. Before,
/// that last one's entry was written to the submission queue, where no io_uring_enter would ever take it, and its
/// awaiter waited until the ring was disposed.
/// </summary>
public sealed class IoUringFailureTests
{
    [Fact]
    public async Task A_failed_ring_ends_its_operations_with_the_errno_and_later_ones_run_on_workers()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Name = "uring-fail" });
        var backend = (IoUringBackend)ring.RingBackend;
        using var pipe = new Pipe();
        Task<PollEvents> inKernel = ring.PollAsync(pipe.ReadFd, PollEvents.In).AsTask();
        await Task.Delay(50);
        Assert.False(inKernel.IsCompleted);

        backend.InjectFatalError(Errno.EIO);
        var error = await Assert.ThrowsAsync<ErrnoException>(() => inKernel.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Errno.EIO, error.Errno);
        Assert.False(ring.IsNative(RingOp.Nop), "a failed ring still reports its opcodes as native");

        await ring.NopAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // on a worker now
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task An_operation_handed_to_the_ring_after_it_failed_ends_with_the_errno()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Name = "uring-fail-late" });
        var backend = (IoUringBackend)ring.RingBackend;
        backend.InjectFatalError(Errno.EIO);
        Assert.True(SpinWaitFor(() => !ring.IsNative(RingOp.Nop)), "the ring did not fail");

        // What IoRing.Start does for an operation it found native a moment before the failure.
        Assert.True(ring.Table.TryRent(out Operation operation));
        operation.Prepare(RingRequest.Nop(), returnRawErrors: false, inlineContinuations: false);
        Assert.True(operation.TryStart(OperationPhase.OnRing));
        bool written = backend.Submit(operation);

        Assert.False(written, "the entry was written to a ring that no longer submits anything");
        var error = await Assert.ThrowsAsync<ErrnoException>(() => new ValueTask(operation, operation.Version).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Errno.EIO, error.Errno);
        Assert.Equal(0, ring.InFlightCount);
    }

    private static bool SpinWaitFor(Func<bool> condition) => System.Threading.SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(10));
}
