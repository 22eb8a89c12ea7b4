using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Issue 16, items 5, 10 and 11: what an operation or a wait for a slot holds is given back when it ends, and
/// every failure after admission gives back everything admission took.
/// </summary>
public sealed class WaitAndDeadlineLifetimeTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_cancelled_wait_for_a_full_table_is_dropped_at_once(IoBackend backend)
    {
        // Before the fix each cancelled wait stayed queued until a slot freed (200k waits: +37 MB).
        using var ring = Backends.Create(backend, capacity: 1);
        using var pipe = new Pipe();
        using var holder = new CancellationTokenSource();
        Task<PollEvents> occupant = ring.PollAsync(pipe.ReadFd, PollEvents.In, holder.Token).AsTask();

        for (int i = 0; i < 20_000; i++)
        {
            using var cts = new CancellationTokenSource();
            ValueTask wait = ring.NopAsync(cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.AsTask());
        }

        Assert.Equal(0, ring.Table.WaitingCount);
        holder.Cancel();
        await ReliabilityAssert.CompletesOrIsCancelled(occupant);
        await ReliabilityAssert.Within(ring.NopAsync().AsTask(), "a Nop once the slot is free");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_completed_operation_leaves_no_live_deadline_timer(IoBackend backend)
    {
        // Before the fix a worker or AIO deadline kept its Timer until the deadline passed (300k ops: +55 MB).
        using var ring = Backends.Create(backend);
        using var file = new TempFile(512);
        using var handle = file.Open();
        var buffer = new byte[512];
        await ring.SubmitAsync(RingRequest.Read(handle, buffer, 0).WithTimeout(TimeSpan.FromHours(1)));
        long before = Timer.ActiveCount;
        for (int i = 0; i < 5000; i++)
        {
            Assert.Equal(512, await ring.SubmitAsync(RingRequest.Read(handle, buffer, 0).WithTimeout(TimeSpan.FromHours(1))));
            await ring.SubmitAsync(RingRequest.Read(handle, buffer, -1).WithTimeout(TimeSpan.FromHours(1))); // on a worker everywhere but io_uring
        }

        long grown = Timer.ActiveCount - before;
        Assert.True(grown < 1000, $"{grown} timers still active after 10,000 completed operations with a deadline");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_deadline_longer_than_a_timer_can_take_works_and_leaks_nothing(IoBackend backend)
    {
        // Before the fix: ArgumentOutOfRangeException from the Timer after admission; slot, pin and handle leaked.
        var ring = IoRing.Create(new IoRingOptions { Backend = backend, DisposeTimeout = TimeSpan.FromSeconds(5) });
        using var pipe = new Pipe();
        var buffer = new byte[16];
        Task<int> read = ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromDays(60))).AsTask();
        await Task.Delay(50);
        Assert.False(read.IsCompleted);
        Assert.Equal(1, ring.InFlightCount);
        pipe.Write(new byte[] { 1, 2, 3 });
        Assert.Equal(3, await ReliabilityAssert.WithinResult(read, "the read"));

        using var cts = new CancellationTokenSource();
        Task<int> cancelled = ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromDays(365)), cts.Token).AsTask();
        await Task.Delay(20);
        cts.Cancel();
        Assert.False(await ReliabilityAssert.CompletesOrIsCancelled(cancelled));

        Assert.Equal(0, ring.InFlightCount);
        ring.Dispose();
        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void A_start_that_fails_after_admission_gives_back_the_slot_and_the_handle_reference(IoBackend backend)
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 2, PretendKernelLacks = new[] { RingOp.Read }, TryNonBlockingFirst = false });
        using var file = new TempFile(64);
        using var source = file.Open();
        var handle = new TrackedHandle(TestLibc.dup((int)source.DangerousGetHandle()));

        // The worker pool refuses work (as when it is shut down): the failure comes after admission, after the
        // handle was referenced and the deadline timer armed. The read is not tried on this thread first, so it
        // really reaches the hand-off.
        ring.Workers.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.SubmitAsync(RingRequest.Read(handle, new byte[8], -1).WithTimeout(TimeSpan.FromDays(1))); });
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.RunBlockingAsync(0, static (ref int s) => 0); });

        Assert.Equal(0, ring.InFlightCount);
        handle.Dispose();
        Assert.True(handle.Released, "the handle's reference leaked: disposing it did not close it");

        // Both slots are free again.
        Assert.True(ring.Table.TryRent(out Operations.Operation first));
        Assert.True(ring.Table.TryRent(out Operations.Operation second));
        ring.Table.Unadmit(first);
        ring.Table.Unadmit(second);
    }

    private sealed class TrackedHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
    {
        internal TrackedHandle(int fd)
            : base(ownsHandle: true) => SetHandle(fd);

        internal bool Released { get; private set; }

        protected override bool ReleaseHandle()
        {
            Released = true;
            return Interop.Libc.close((int)handle) == 0;
        }
    }
}
