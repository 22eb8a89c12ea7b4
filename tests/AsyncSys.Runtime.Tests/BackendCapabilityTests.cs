using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Backends;
using AsyncSys.Backends.IoUring;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// What IoRing asks of its backend instead of naming one: request limits, bulk cancel, linked deadlines, deferred
/// token registration and per-operation scratch space, each decided by the backend from what it probed at setup.
/// </summary>
public sealed class BackendCapabilityTests
{
    [Fact]
    public void The_bulk_cancel_probe_asks_the_kernel_and_tells_a_refused_flag_from_a_taken_one()
    {
        // A flag no kernel knows is refused (EINVAL, as a pre-5.19 kernel refuses IORING_ASYNC_CANCEL_ALL): the probe
        // reads the kernel's answer rather than assuming one.
        Assert.Equal(-Errno.EINVAL, IoUringCancelProbe.TryCancelWithFlags(1u << 30));

        int? bulk = IoUringCancelProbe.TryCancelWithFlags(IoUringConstants.AsyncCancelAll | IoUringConstants.AsyncCancelAny);
        Assert.NotNull(bulk);
        Assert.True(bulk == 0 || bulk == -Errno.EINVAL, $"nothing is in flight on the probe ring, so the kernel cancels nothing or refuses the flags; got {bulk}");
        Assert.Equal(bulk == 0, IoUringCancelProbe.BulkCancel);

        // The product never reads the kernel version; the test states what the probe must find on kernels known to
        // have the flags (5.19+).
        if (Environment.OSVersion.Version >= new Version(5, 19))
        {
            Assert.True(IoUringCancelProbe.BulkCancel);
        }

        using var ring = Backends.Create(IoBackend.IoUring);
        Assert.Equal(IoUringCancelProbe.BulkCancel, ring.RingBackend.TryBeginCancelAll(-1));
        Assert.Equal(IoUringCancelProbe.BulkCancel, ring.RingBackend.TryBeginCancelAll(3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CancelByFd_and_CancelAll_cancel_exactly_the_matching_operations_with_or_without_bulk_cancel(bool kernelLacksBulkCancel)
    {
        using var ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring,
            Name = "bulk-cancel-" + kernelLacksBulkCancel,
            TryNonBlockingFirst = false,
            PretendKernelLacksBulkCancel = kernelLacksBulkCancel,
        });
        Assert.Equal(!kernelLacksBulkCancel && IoUringCancelProbe.BulkCancel, ring.RingBackend.TryBeginCancelAll(-1));

        using var first = new Pipe();
        using var second = new Pipe();
        ValueTask<int>[] onFirst = { ring.ReadAsync(first.ReadFd, new byte[8]), ring.ReadAsync(first.ReadFd, new byte[8]) };
        ValueTask<int>[] onSecond = { ring.ReadAsync(second.ReadFd, new byte[8]), ring.ReadAsync(second.ReadFd, new byte[8]) };
        Task<int>[] firstTasks = onFirst.Select(v => v.AsTask()).ToArray();
        Task<int>[] secondTasks = onSecond.Select(v => v.AsTask()).ToArray();
        Assert.Equal(4, ring.GetInFlightOperations().Count(o => o.State == InFlightState.OnRing));

        Assert.Equal(2, ring.CancelByFd(first.ReadFd));
        foreach (Task<int> task in firstTasks)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        }

        Assert.All(secondTasks, t => Assert.False(t.IsCompleted, "a read on another descriptor was cancelled"));

        Assert.Equal(2, ring.CancelAll());
        foreach (Task<int> task in secondTasks)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_request_longer_than_the_rings_32_bit_length_field_runs_on_a_worker(IoBackend backend)
    {
        string name = "length-limit-" + backend;
        var ranOn = new ConcurrentQueue<(string Op, string Backend)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AsyncSys" && instrument.Name == "asyncsys.ops.completed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = new Dictionary<string, string?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                values[tag.Key] = tag.Value as string;
            }

            if (values.GetValueOrDefault("asyncsys.ring") == name)
            {
                ranOn.Enqueue((values["asyncsys.op"]!, values["asyncsys.backend"]!));
            }
        });
        listener.Start();

        using var ring = IoRing.Create(new IoRingOptions { Backend = backend, Name = name, TryNonBlockingFirst = false });
        using var file = new TempFile(4096);
        using var handle = file.Open(FileAccess.Read);
        int fd = (int)handle.DangerousGetHandle();
        const int WillNeed = 3; // POSIX_FADV_WILLNEED

        Assert.Equal(0, await ring.SubmitAsync(RingRequest.Fadvise(fd, 0, 4096, WillNeed)));
        Assert.Equal(0, await ring.SubmitAsync(RingRequest.Fadvise(fd, 0, 5L << 30, WillNeed)));

        string native = ring.IsNative(RingOp.Fadvise) ? BackendName(backend) : "workers";
        Assert.Equal(new[] { ("fadvise", native), ("fadvise", "workers") }, ranOn.ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Every_backend_states_its_deadlines_token_registration_and_scratch_needs(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        IRingBackend answers = ring.RingBackend;

        Assert.InRange(answers.OperationScratchSize, 0, Operation.BackendScratchSize);
        switch (backend)
        {
            case IoBackend.IoUring:
                var uring = Assert.IsType<IoUringBackend>(answers);
                Assert.Equal(uring.KernelSupports(IoUringOp.LinkTimeout), answers.CanLinkTimeout);
                Assert.True(answers.DefersTokenRegistration);
                Assert.Equal(48, answers.OperationScratchSize); // two timespecs, a socklen, a cancel's retry count and its occupant
                break;
            case IoBackend.LinuxAio:
                Assert.False(answers.CanLinkTimeout);
                Assert.False(answers.DefersTokenRegistration);
                Assert.Equal(64, answers.OperationScratchSize); // struct iocb
                Assert.False(answers.TryBeginCancelAll(-1));
                break;
            default:
                Assert.False(answers.CanLinkTimeout);
                Assert.False(answers.DefersTokenRegistration);
                Assert.Equal(0, answers.OperationScratchSize);
                Assert.False(answers.TryBeginCancelAll(-1));
                break;
        }
    }

    private static string BackendName(IoBackend backend) => backend switch
    {
        IoBackend.IoUring => "io_uring",
        IoBackend.LinuxAio => "aio",
        _ => "workers",
    };
}
