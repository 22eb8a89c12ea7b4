using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Review (session 20): a call the io_uring kernel runs on io-wq and interrupts for a cancel. A splice always goes to
/// io-wq; from an empty pipe it waits there. Interrupted, it answered -512 (ERESTARTSYS, the kernel's internal restart
/// code, which a system call never returns) on this kernel (6.18): a splice cancelled by its token or by CancelAll
/// ended <c>ErrnoException</c> "E512 (512): Unknown error 512" instead of <see cref="OperationCanceledException"/>, and
/// one admitted just after CancelAll's pass, running when the bulk cancel came, ended with that error although nobody
/// asked it to stop (docs/cancellation.md: it runs once more on a worker). Every backend and delivery mode.
/// </summary>
public sealed class InterruptedCallRound22Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_splice_waiting_for_its_pipe_ends_as_cancelled_by_its_token_or_by_CancelAll(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var from = new RawPipe();
        using var to = new RawPipe();

        using var cts = new CancellationTokenSource();
        Task<int> byToken = ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0), cts.Token).AsTask();
        await Task.Delay(100); // long enough for io-wq to be running it (a cancel before that is answered -ECANCELED)
        cts.Cancel();
        Exception? error = await Record.ExceptionAsync(() => Hostile.Within(byToken, ring, "the splice cancelled by its token"));
        Assert.True(error is OperationCanceledException oce && oce.CancellationToken == cts.Token, $"cancelled by its token: {error}");

        Task<int> byCancelAll = ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0)).AsTask();
        await Task.Delay(100);
        Assert.Equal(1, ring.CancelAll());
        error = await Record.ExceptionAsync(() => Hostile.Within(byCancelAll, ring, "the splice cancelled by CancelAll"));
        Assert.True(error is OperationCanceledException && error.Message.Contains("CancelAll", StringComparison.Ordinal), $"cancelled by CancelAll: {error}");

        // The pipe still holds what is written next: nothing was taken from it.
        WriteOne(from.Write);
        Assert.Equal(1, await Hostile.Within(ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0)).AsTask(), ring, "a splice with a byte waiting"));
    }

    /// <summary>
    /// A deadline ends a splice waiting for its pipe: <c>ErrnoException</c> ETIME, or -ETIME from SubmitRawAsync. On
    /// io_uring a linked timeout never ended it (io-wq runs the splice; it was still waiting 30 s after a 200 ms
    /// deadline); its deadline is now a timer that sends a cancel request.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_deadline_ends_a_splice_waiting_for_its_pipe(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var from = new RawPipe();
        using var to = new RawPipe();
        Task<int> thrown = ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0).WithTimeout(TimeSpan.FromMilliseconds(100))).AsTask();
        Exception? error = await Record.ExceptionAsync(() => Hostile.Within(thrown, ring, "the splice with a deadline"));
        Assert.True(error is ErrnoException { Errno: Errno.ETIME }, $"thrown: {error}");

        int raw = await Hostile.Within(ring.SubmitRawAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0).WithTimeout(TimeSpan.FromMilliseconds(100))).AsTask(), ring, "the raw splice with a deadline");
        Assert.Equal(-Errno.ETIME, raw);

        // Nothing was taken from the pipe.
        WriteOne(from.Write);
        Assert.Equal(1, await Hostile.Within(ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0).WithTimeout(TimeSpan.FromHours(1))).AsTask(), ring, "a splice with a byte waiting"));
    }

    /// <summary>
    /// The same for an openat of a FIFO with no writer (O_CREAT sends it to io-wq on io_uring, where it waits): on
    /// io_uring its deadline never ended it before (its token did); on a worker (Linux AIO, workers) neither did, since
    /// only calls that wait for readiness were interrupted there.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_deadline_or_a_token_ends_an_open_of_a_FIFO_waiting_for_a_writer(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"r22-fifo-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        try
        {
            string fifo = System.IO.Path.Combine(dir, "fifo");
            Sys.Check(Sys.mkfifo(fifo, 0x180), "mkfifo");
            RingRequest open = RingRequest.OpenAt(IoRing.AtCurrentDirectory, fifo, OpenFlags.ReadOnly | OpenFlags.Create | OpenFlags.CloseOnExec, System.IO.UnixFileMode.UserRead);
            Exception? error = await Record.ExceptionAsync(() => Hostile.Within(ring.SubmitAsync(open.WithTimeout(TimeSpan.FromMilliseconds(100))).AsTask(), ring, "the open with a deadline"));
            Assert.True(error is ErrnoException { Errno: Errno.ETIME }, $"with a deadline: {error}");
            Assert.Equal(-Errno.ETIME, await Hostile.Within(ring.SubmitRawAsync(open.WithTimeout(TimeSpan.FromMilliseconds(100))).AsTask(), ring, "the raw open with a deadline"));

            using var cts = new CancellationTokenSource();
            Task<int> byToken = ring.SubmitAsync(open, cts.Token).AsTask();
            await Task.Delay(100);
            cts.Cancel();
            error = await Record.ExceptionAsync(() => Hostile.Within(byToken, ring, "the open cancelled by its token"));
            Assert.True(error is OperationCanceledException oce && oce.CancellationToken == cts.Token, $"cancelled by its token: {error}");
        }
        finally
        {
            System.IO.Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// CancelAll's bulk cancel (IORING_ASYNC_CANCEL_ALL, sent after its pass over what is in flight) matches a splice
    /// admitted after that pass and already running on io-wq. The order is forced with a cancel hook: CancelAll's pass
    /// calls the hook of a blocking call waiting on a worker, and the hook submits the splice, lets io-wq start it and
    /// only then interrupts its own call, so the bulk cancel follows. Nobody asked the splice to stop: it runs on a
    /// worker and returns the byte written afterwards.
    /// </summary>
    [Theory]
    [InlineData(DeliveryMode.Pool)]
    [InlineData(DeliveryMode.Inline)]
    [InlineData(DeliveryMode.RingContext)]
    public async Task A_splice_running_on_io_wq_when_an_earlier_CancelAll_bulk_cancel_comes_runs_again_on_a_worker(DeliveryMode mode)
    {
        for (int round = 0; round < Hostile.Rounds(3, 50); round++)
        {
            using IoRing ring = Hostile.Create(IoBackend.IoUring, mode, o => o.RunShortBlockingCallsOnCaller = false);
            using var idle = new RawPipe();
            using var from = new RawPipe();
            using var to = new RawPipe();

            // The hook's call takes the second slot, so the slot the splice gets (the first, freed) is behind CancelAll's pass.
            using var first = new CancellationTokenSource();
            Task<int> placeholder = ring.SubmitAsync(RingRequest.Read(idle.Read, new byte[1], -1), first.Token).AsTask();
            Task<int>? splice = null;
            int idleRead = idle.Read, fromRead = from.Read, toWrite = to.Write;
            Task<BlockingResult<int>> waiting = ring.RunBlockingAsync(
                idleRead,
                static (ref int fd) => ReadOne(fd),
                info =>
                {
                    Volatile.Write(ref splice, ring.SubmitAsync(RingRequest.Splice(fromRead, -1, toWrite, -1, 1, 0)).AsTask());
                    Thread.Sleep(100); // the ring thread submits it, io-wq starts it and it waits for the pipe
                    info.InterruptWorker();
                }).AsTask();
            await Hostile.UntilPending(ring, 2);
            first.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hostile.Within(placeholder, ring, "the placeholder read"));

            ring.CancelAll();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hostile.Within(waiting, ring, "the hook's call"));
            Task<int> spliced = Volatile.Read(ref splice) ?? throw new InvalidOperationException("the hook did not run");
            WriteOne(from.Write);
            Exception? error = await Record.ExceptionAsync(async () => Assert.Equal(1, await Hostile.Within(spliced, ring, "the splice")));
            Assert.True(error is null, $"round {round}: a splice nobody cancelled, matched by the bulk cancel of a CancelAll made before it was admitted: {error}");
        }
    }

    private static unsafe long ReadOne(int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    private static unsafe void WriteOne(int fd)
    {
        byte b = 1;
        Sys.Check((int)Sys.write(fd, &b, 1), "write");
    }
}
