using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// When the io_uring ring thread fails for good (io_uring_enter returned an error it cannot go on from), every operation
/// ends exactly once and nothing the kernel may still write into is released. Operations the kernel never saw end at
/// once with the errno; those it took keep their real results when their completions still come (they do unless
/// completion work is deferred to the ring thread), and are abandoned otherwise: their awaiters get the errno (or their
/// cancellation) and their buffers stay pinned. Later operations run on workers. Before, every operation still on the
/// ring was completed with the errno at once, which unpinned buffers the kernel was still reading into.
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
        Assert.Contains("pinned", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public async Task A_read_the_kernel_took_before_the_failure_still_completes_with_its_bytes()
    {
        // Completion work not deferred to the ring thread: the kernel posts the read's completion by itself.
        using IoRing ring = CreateRing("uring-fail-reap", IoUringKernelFeatures.Default);
        var backend = (IoUringBackend)ring.RingBackend;
        using var pipe = new Pipe();
        var memory = new CountingMemory(16);
        Task<int> read = ring.ReadAsync(pipe.ReadFd, memory.Memory).AsTask();
        await Task.Delay(50);
        Assert.False(read.IsCompleted);

        backend.InjectFatalError(Errno.EIO);
        Assert.True(SpinWaitFor(() => !ring.IsNative(RingOp.Read)), "the ring did not fail");
        pipe.Write(Encoding.ASCII.GetBytes("hello"));

        int bytes = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, bytes);
        Assert.Equal("hello", Encoding.ASCII.GetString(memory.GetSpan()[..5]));
        Assert.Equal(1, memory.Unpins); // released once the kernel said it was done
        Assert.Equal(0, backend.AbandonedOperations);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_the_kernel_still_holds_is_abandoned_with_its_buffer_pinned_and_its_handle_referenced(bool deferTaskRun)
    {
        using IoRing ring = CreateRing("uring-fail-abandon", deferTaskRun ? IoUringKernelFeatures.All : IoUringKernelFeatures.Default);
        var backend = (IoUringBackend)ring.RingBackend;
        using var pipe = new Pipe();
        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(Libc.fcntl(pipe.ReadFd, FDupFdCloExec, 0), ownsHandle: true);
        var memory = new CountingMemory(16);
        Task<int> read = ring.ReadAsync(handle, memory.Memory).AsTask();
        await Task.Delay(50);
        Assert.False(read.IsCompleted);

        backend.InjectFatalError(Errno.EIO); // nothing is written to the pipe: the kernel's read never completes
        var error = await Assert.ThrowsAsync<ErrnoException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Errno.EIO, error.Errno);
        Assert.Contains("pinned", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, backend.AbandonedOperations);
        Assert.Equal(1, memory.Pins);
        Assert.Equal(0, memory.Unpins); // the kernel may still write into it
        Assert.Equal(0, ring.InFlightCount);

        // The ring kept its reference to the handle: disposing it does not close the descriptor under the kernel.
        int fd = (int)handle.DangerousGetHandle();
        handle.Dispose();
        Assert.True(Libc.fcntl(fd, Libc.F_GETFL, 0) >= 0, "the descriptor the kernel still reads from was closed");
    }

    [Fact]
    public async Task A_read_the_kernel_holds_that_is_cancelled_after_the_failure_ends_cancelled_with_its_buffer_pinned()
    {
        using IoRing ring = CreateRing("uring-fail-cancel", IoUringKernelFeatures.Default);
        var backend = (IoUringBackend)ring.RingBackend;
        using var pipe = new Pipe();
        using var cts = new CancellationTokenSource();
        var memory = new CountingMemory(16);
        Task<int> read = ring.ReadAsync(pipe.ReadFd, memory.Memory, cts.Token).AsTask();
        await Task.Delay(50);

        backend.InjectFatalError(Errno.EIO);
        Assert.True(SpinWaitFor(() => !ring.IsNative(RingOp.Read)), "the ring did not fail");
        cts.Cancel(); // no cancel entry can reach the kernel now

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, backend.AbandonedOperations);
        Assert.Equal(0, memory.Unpins);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_operation_ends_exactly_once_when_the_ring_fails_under_load(bool deferTaskRun)
    {
        using IoRing ring = CreateRing("uring-fail-load", deferTaskRun ? IoUringKernelFeatures.All : IoUringKernelFeatures.Default);
        var backend = (IoUringBackend)ring.RingBackend;
        using var pipe = new Pipe();
        var polls = Enumerable.Range(0, 8).Select(_ => ring.PollAsync(pipe.ReadFd, PollEvents.In).AsTask()).ToList();
        int ended = 0;
        using var stop = new CancellationTokenSource();
        Task[] loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await ring.NopAsync();
                }
                catch (ErrnoException e) when (e.Errno == Errno.EIO)
                {
                    // the ring failed under it: ended once, with the errno
                }

                Interlocked.Increment(ref ended);
            }
        })).ToArray();

        await Task.Delay(100);
        backend.InjectFatalError(Errno.EIO);
        await Task.Delay(200);
        stop.Cancel();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(20));

        foreach (Task<PollEvents> poll in polls)
        {
            var error = await Assert.ThrowsAsync<ErrnoException>(() => poll.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(Errno.EIO, error.Errno);
        }

        Assert.True(ended > 0);
        Assert.Equal(8, backend.AbandonedOperations); // the polls: nothing else was left in the kernel
        Assert.Equal(0, ring.InFlightCount);
        await ring.NopAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // workers carry on
    }

    [Fact]
    public async Task A_stray_dup2_over_the_ring_descriptor_fails_the_ring_and_loses_no_operation()
    {
        // Without a registered ring descriptor, io_uring_enter goes through the plain one: a stray dup2 elsewhere in the
        // process that lands on its number makes every later io_uring_enter fail (EOPNOTSUPP: not an io_uring file),
        // while the kernel goes on with the requests it took (the mappings keep the ring alive).
        IoRing ring = CreateRing("uring-fail-dup2", IoUringKernelFeatures.Default & ~IoUringKernelFeatures.RegisteredRingFd);
        var backend = (IoUringBackend)ring.RingBackend;
        int ringFd = backend.RingDescriptor;
        Assert.Equal(IoUringKernelFeatures.None, backend.KernelFeatures & IoUringKernelFeatures.RegisteredRingFd);
        using var pipe = new Pipe();
        var memory = new CountingMemory(16);
        Task<int> taken = ring.ReadAsync(pipe.ReadFd, memory.Memory).AsTask();
        await Task.Delay(50);
        Assert.False(taken.IsCompleted);

        // A file of this test's own, not /dev/null: at the end the number is closed only while it still names this file.
        using var stray = new TempFile();
        using var strayHandle = stray.Open(System.IO.FileAccess.Read);
        Assert.Equal(backend.RingDescriptor, dup2((int)strayHandle.DangerousGetHandle(), backend.RingDescriptor));

        // Written to the submission queue; the io_uring_enter that would submit it is the one that fails.
        var error = await Assert.ThrowsAsync<ErrnoException>(() => ring.NopAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Errno.EOPNOTSUPP, error.Errno);
        Assert.False(ring.IsNative(RingOp.Nop));

        pipe.Write(Encoding.ASCII.GetBytes("after"));
        Assert.Equal(5, await taken.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("after", Encoding.ASCII.GetString(memory.GetSpan()[..5]));
        Assert.Equal(1, memory.Unpins);
        Assert.Equal(0, backend.AbandonedOperations);
        await ring.NopAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // on a worker
        Assert.Equal(0, ring.InFlightCount);

        // The number is not the ring's any more: disposing the ring leaves it to whoever owns it now.
        ring.Dispose();
        // Closed only while it still names the stray file: had the ring closed it, the number may be another test's by now.
        Assert.True(TestLibc.CloseIfStill(ringFd, strayHandle), "the ring closed a descriptor that was no longer its own");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldFd, int newFd);

    private const int FDupFdCloExec = 1030; // F_DUPFD_CLOEXEC (fcntl.h)

    private static IoRing CreateRing(string name, IoUringKernelFeatures features) =>
        IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Name = name, TryNonBlockingFirst = false, KernelFeatures = features });

    private static bool SpinWaitFor(Func<bool> condition) => SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(10));
}
