using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Interop;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The optional io_uring kernel features (single issuer with deferred task work, cooperative task work, a
/// registered ring fd, timed waits): each is probed by trying it, the ring reports what it got, and every
/// fallback (forced here by not asking for features, as a kernel that refuses them would) still runs operations
/// that complete at once, later, by cancellation and by deadline, exactly once.
/// </summary>
public sealed class KernelFeatureTests
{
    // The features asked for (IoUringKernelFeatures is internal: xUnit passes it as its number).
    public static TheoryData<int> WantedSets => new()
    {
        (int)IoUringKernelFeatures.Default,
        (int)IoUringKernelFeatures.All,
        (int)(IoUringKernelFeatures.Default & ~IoUringKernelFeatures.SingleIssuer),
        (int)(IoUringKernelFeatures.Default & ~IoUringKernelFeatures.CoopTaskRun),
        (int)(IoUringKernelFeatures.Default & ~IoUringKernelFeatures.RegisteredRingFd),
        (int)(IoUringKernelFeatures.Default & ~IoUringKernelFeatures.ExtArgWait),
        (int)IoUringKernelFeatures.None,
    };

    private static IoRing Create(IoUringKernelFeatures wanted, bool inline = false) => IoRing.Create(new IoRingOptions
    {
        Backend = IoBackend.IoUring,
        Capacity = 64,
        TryNonBlockingFirst = false,
        InlineContinuations = inline,
        KernelFeatures = wanted,
        Name = "kernel-features",
    });

    [Theory]
    [MemberData(nameof(WantedSets))]
    public void A_feature_not_asked_for_is_not_used_and_the_description_names_what_is(int asked)
    {
        var wanted = (IoUringKernelFeatures)asked;
        using IoRing ring = Create(wanted);
        var backend = Assert.IsType<IoUringBackend>(ring.RingBackend);
        IoUringKernelFeatures used = backend.KernelFeatures;
        Assert.Equal(IoUringKernelFeatures.None, used & ~wanted);
        Assert.Equal($"io_uring [{IoUringKernelFeatureNames.Describe(used)}] (chosen by option)", ring.BackendDescription);
        if ((used & IoUringKernelFeatures.DeferTaskRun) != 0)
        {
            Assert.True((used & IoUringKernelFeatures.SingleIssuer) != 0, "the kernel accepts deferred task work only with a single issuer");
        }

        if (wanted == IoUringKernelFeatures.None)
        {
            Assert.Equal("io_uring [none] (chosen by option)", ring.BackendDescription);
        }
    }

    [Theory]
    [MemberData(nameof(WantedSets))]
    public async Task Operations_complete_exactly_once_with_each_set_of_features(int asked)
    {
        var wanted = (IoUringKernelFeatures)asked;
        foreach (bool inline in new[] { false, true })
        {
            using IoRing ring = Create(wanted, inline);

            // At once (a Nop completes while it is submitted), many at a time.
            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => ring.NopAsync().AsTask()));

            // Later: a pipe read that waits for data, so its completion is task work for the ring thread.
            using var pipe = new Pipe();
            var buffer = new byte[16];
            ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, buffer);
            await Task.Delay(20);
            Assert.False(read.IsCompleted);
            pipe.Write(new byte[] { 1, 2, 3 });
            Assert.Equal(3, await ReliabilityAssert.WithinResult(read.AsTask(), "a pipe read after its data came"));
            Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..3]);

            // By cancellation: a read that never gets data.
            using var cts = new CancellationTokenSource();
            Task cancelled = ring.ReadAsync(pipe.ReadFd, buffer, cts.Token).AsTask();
            await Task.Delay(20);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReliabilityAssert.Within(cancelled, "a cancelled pipe read"));

            // By deadline: a linked timeout (the ring's own timer) ends a read that never gets data.
            var request = RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromMilliseconds(30));
            var timedOut = await Assert.ThrowsAsync<ErrnoException>(() => ReliabilityAssert.Within(ring.SubmitAsync(request).AsTask(), "a read with a deadline"));
            Assert.Equal(Errno.ETIME, timedOut.Errno);

            // A timer on the ring: no submission wakes the ring thread, only the kernel's completion.
            await ReliabilityAssert.Within(ring.DelayAsync(TimeSpan.FromMilliseconds(15)).AsTask(), "a ring timer");
            Assert.Equal(0, ring.InFlightCount);
        }
    }

    [Fact]
    public async Task With_a_single_issuer_the_ring_thread_is_the_issuer_and_no_other_thread_may_reap()
    {
        using IoRing ring = Create(IoUringKernelFeatures.All);
        var backend = (IoUringBackend)ring.RingBackend;
        if ((backend.KernelFeatures & IoUringKernelFeatures.DeferTaskRun) == 0)
        {
            return; // this kernel refused deferred task work: the fallbacks are covered by the theories above
        }

        // The kernel answers EEXIST to a thread other than the issuer that asks for events on a deferred-task-work
        // ring: proof that the ring thread (which enabled the ring), not this creating thread, is the issuer.
        long result = Syscalls.Invoke(Syscalls.IoUringEnter, backend.RingDescriptor, 0, 0, IoUringConstants.EnterGetEvents, 0, 0);
        Assert.Equal(-Errno.EEXIST, result);
        await ReliabilityAssert.Within(ring.NopAsync().AsTask(), "a Nop after another thread was refused");
    }

    [Fact]
    public void The_setup_attempts_go_from_the_most_features_to_the_plain_ring()
    {
        const uint plain = IoUringConstants.SetupCqSize | IoUringConstants.SetupClamp;
        var all = IoUringRing.SetupAttempts(IoUringKernelFeatures.All);
        Assert.Equal(
            plain | IoUringConstants.SetupSubmitAll | IoUringConstants.SetupSingleIssuer | IoUringConstants.SetupRDisabled | IoUringConstants.SetupDeferTaskRun | IoUringConstants.SetupTaskRunFlag,
            all[0]);
        Assert.Equal(plain, all[^1]);
        Assert.Equal(all.Count, all.Distinct().Count());

        // A single issuer is always set up disabled (the ring thread enables it and so becomes the issuer), and
        // the task-run flag never comes without cooperative or deferred task work (the kernel refuses it alone).
        foreach (uint flags in IoUringRing.SetupAttempts(IoUringKernelFeatures.All).Concat(IoUringRing.SetupAttempts(IoUringKernelFeatures.DeferTaskRun | IoUringKernelFeatures.SingleIssuer)))
        {
            Assert.Equal((flags & IoUringConstants.SetupSingleIssuer) != 0, (flags & IoUringConstants.SetupRDisabled) != 0);
            Assert.Equal((flags & (IoUringConstants.SetupCoopTaskRun | IoUringConstants.SetupDeferTaskRun)) != 0, (flags & IoUringConstants.SetupTaskRunFlag) != 0);
        }

        var withoutIssuer = IoUringRing.SetupAttempts(IoUringKernelFeatures.All & ~IoUringKernelFeatures.SingleIssuer);
        Assert.DoesNotContain(withoutIssuer, f => (f & (IoUringConstants.SetupSingleIssuer | IoUringConstants.SetupDeferTaskRun)) != 0);
        Assert.Equal(new[] { plain | IoUringConstants.SetupSubmitAll, plain }, IoUringRing.SetupAttempts(IoUringKernelFeatures.None));
    }
}
