using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static AsyncSys.Runtime.Tests.DeliveryModes;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The operations' basic contract on every backend in every delivery mode (<see cref="DeliveryMode"/>): pool
/// continuations with and without the attempt on the caller first, inline continuations, and code on the ring's own
/// context. Real files, pipes and sockets. The other contract tests go deeper on one mode; these keep all of them honest.
/// </summary>
public sealed class ContractMatrixFileTests
{
    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Positional_write_then_read_round_trips_the_bytes(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(16 * 1024);
        using var handle = file.Open();
        byte[] data = Enumerable.Range(0, 5000).Select(i => (byte)(i % 239)).ToArray();
        var back = new byte[5000];

        await Run(ring, mode, async () =>
        {
            await ring.WriteAsync(handle, data, 3000);
            Assert.Equal(5000, await ring.ReadAsync(handle, back, 3000));
        });

        Assert.Equal(data, back);
        EachEndedOnce(counts, completed: 2);
        byte[] expected = file.Content.ToArray();
        data.CopyTo(expected, 3000);
        Assert.Equal(expected, File.ReadAllBytes(file.Path));
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_read_at_or_past_the_end_of_the_file_returns_zero(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(1000);
        using var handle = file.Open(FileAccess.Read);
        var buffer = new byte[256];
        Array.Fill(buffer, (byte)0xEE);
        int[] results = new int[3];

        await Run(ring, mode, async () =>
        {
            results[0] = await ring.ReadAsync(handle, buffer, 1000);
            results[1] = await ring.ReadAsync(handle, buffer, 50_000);
            results[2] = await ring.ReadAsync(handle, buffer, 900);
        });

        Assert.Equal(new[] { 0, 0, 100 }, results);
        EachEndedOnce(counts, completed: 3);
        Assert.Equal(file.Content.AsSpan(900, 100).ToArray(), buffer.AsSpan(0, 100).ToArray());
        Assert.All(buffer.AsSpan(100).ToArray(), b => Assert.Equal(0xEE, b));
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_failing_call_throws_ErrnoException_naming_the_errno_and_the_syscall(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(100);
        using var readOnly = file.Open(FileAccess.Read);
        const int neverOpen = 1 << 30; // above any descriptor limit, so no parallel test can have it open

        await Run(ring, mode, async () =>
        {
            ErrnoException write = await Fails<ErrnoException>(async () => await ring.WriteAsync(readOnly, new byte[] { 1, 2, 3 }, 0));
            Assert.Equal(Errno.EBADF, write.Errno);
            Assert.Equal("EBADF", write.ErrnoName);
            Assert.Equal("pwrite", write.Syscall);

            ErrnoException read = await Fails<ErrnoException>(async () => await ring.ReadAsync(neverOpen, new byte[10], 0));
            Assert.Equal(Errno.EBADF, read.Errno);
            Assert.Equal("pread", read.Syscall);
        });

        Assert.Equal(file.Content, File.ReadAllBytes(file.Path));
        Assert.Equal(0, ring.InFlightCount);
        EachEndedOnce(counts, completed: 0, failed: 2);
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_cancelled_token_never_runs_the_operation(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var buffer = new byte[100];

        await Run(ring, mode, async () =>
        {
            OperationCanceledException write = await Fails<OperationCanceledException>(async () => await ring.WriteAsync(handle, new byte[4096], 0, cts.Token));
            Assert.Equal(cts.Token, write.CancellationToken);
            OperationCanceledException read = await Fails<OperationCanceledException>(async () => await ring.ReadAsync(handle, buffer, 0, cts.Token));
            Assert.Equal(cts.Token, read.CancellationToken);
        });

        Assert.Equal(file.Content, File.ReadAllBytes(file.Path));
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(0, ring.InFlightCount);
        EachEndedOnce(counts, completed: 0); // never admitted
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Sixty_four_concurrent_reads_and_writes_each_end_once_with_their_bytes(IoBackend backend, DeliveryMode mode)
    {
        const int Block = 4096, Each = 32;
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var source = new TempFile(Each * Block);
        using var target = new TempFile(Each * Block);
        using var input = source.Open(FileAccess.Read);
        using var output = target.Open();
        byte[][] read = Enumerable.Range(0, Each).Select(_ => new byte[Block]).ToArray();
        byte[][] written = Enumerable.Range(0, Each).Select(i => Enumerable.Repeat((byte)(i + 1), Block).ToArray()).ToArray();

        await Run(ring, mode, async () =>
        {
            async Task One(int i)
            {
                int block = i / 2;
                if (i % 2 == 0)
                {
                    Assert.Equal(Block, await ring.ReadAsync(input, read[block], (long)block * Block));
                }
                else
                {
                    await ring.WriteAsync(output, written[block], (long)block * Block);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 2 * Each).Select(One).ToArray());
        });

        for (int i = 0; i < Each; i++)
        {
            Assert.Equal(source.Content.AsSpan(i * Block, Block).ToArray(), read[i]);
        }

        Assert.Equal(written.SelectMany(b => b).ToArray(), File.ReadAllBytes(target.Path));
        Assert.Equal(0, ring.InFlightCount);
        ConcurrencyTests.AssertAllSlotsFree(ring);
        EachEndedOnce(counts, completed: 2 * Each);
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Fsync_and_fdatasync_succeed_on_a_file_and_fail_with_EINVAL_on_a_pipe(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(0);
        using var handle = file.Open();
        using var pipe = new Pipe();
        byte[] data = Enumerable.Range(0, 3000).Select(i => (byte)(i % 7)).ToArray();

        await Run(ring, mode, async () =>
        {
            await ring.WriteAsync(handle, data, 0);
            await ring.FsyncAsync(handle);
            await ring.FdatasyncAsync(handle);

            ErrnoException error = await Fails<ErrnoException>(async () => await ring.FsyncAsync(pipe.ReadFd));
            Assert.Equal(Errno.EINVAL, error.Errno);
            Assert.Equal("fsync", error.Syscall);
        });

        Assert.Equal(data, File.ReadAllBytes(file.Path));
        Assert.Equal(0, ring.InFlightCount);
        EachEndedOnce(counts, completed: 3, failed: 1);
    }
}

/// <summary>The contract matrix for pipes, sockets, cancellation of waiting operations, deadlines and dispose (see <see cref="ContractMatrixFileTests"/>).</summary>
public sealed class ContractMatrixWaitingTests
{
    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Cancelling_a_pending_pipe_read_ends_it_once_and_leaves_nothing_in_flight(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe(); // nothing written until the read has ended
        using var cts = new CancellationTokenSource();
        var buffer = new byte[16];
        var next = new byte[16];
        int nextRead = 0;

        await Run(ring, mode, async () =>
        {
            ValueTask<int> pending = ring.ReadAsync(pipe.ReadFd, buffer, cts.Token);
            await UntilPending(ring);
            Assert.False(pending.IsCompleted);
            cts.Cancel();
            OperationCanceledException error = await Fails<OperationCanceledException>(async () => await pending);
            Assert.Equal(cts.Token, error.CancellationToken);
            Assert.Equal(0, ring.InFlightCount);

            // The cancelled read took nothing: the next write's bytes go to the next read, whole.
            pipe.Write(new byte[] { 4, 5, 6 });
            nextRead = await ring.ReadAsync(pipe.ReadFd, next);
        });

        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(3, nextRead);
        Assert.Equal(new byte[] { 4, 5, 6 }, next.AsSpan(0, 3).ToArray());
        Assert.Equal(0, ring.InFlightCount);
        ConcurrencyTests.AssertAllSlotsFree(ring);
        EachEndedOnce(counts, completed: 1, cancelled: 1);
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_pending_pipe_read_gets_exactly_the_bytes_written_later(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe();
        var buffer = new byte[64];
        Array.Fill(buffer, (byte)0xEE);
        int read = 0;

        await Run(ring, mode, async () =>
        {
            ValueTask<int> pending = ring.ReadAsync(pipe.ReadFd, buffer);
            await UntilPending(ring);
            Assert.False(pending.IsCompleted);
            pipe.Write(new byte[] { 10, 20, 30, 40, 50 });
            read = await pending;
        });

        Assert.Equal(5, read);
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50 }, buffer.AsSpan(0, 5).ToArray());
        Assert.All(buffer.AsSpan(5).ToArray(), b => Assert.Equal(0xEE, b));
        Assert.Equal(0, ring.InFlightCount);
        EachEndedOnce(counts, completed: 1);
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Send_and_receive_round_trip_over_loopback(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pair = new LoopbackPair();
        byte[] request = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        byte[] reply = Enumerable.Range(0, 200).Select(i => (byte)(255 - i)).ToArray();
        var atServer = new byte[1024];
        var atClient = new byte[1024];
        int[] sizes = new int[4];

        await Run(ring, mode, async () =>
        {
            // The server's receive waits for the client's send; the client's receive finds the reply already there.
            ValueTask<int> receiving = ring.ReceiveAsync(pair.Server.SafeHandle, atServer);
            sizes[0] = await ring.SendAsync(pair.Client.SafeHandle, request);
            sizes[1] = await receiving;
            sizes[2] = await ring.SendAsync(pair.Server.SafeHandle, reply);
            sizes[3] = await ring.ReceiveAsync(pair.Client.SafeHandle, atClient);
        });

        Assert.Equal(new[] { 300, 300, 200, 200 }, sizes);
        Assert.Equal(request, atServer.AsSpan(0, 300).ToArray());
        Assert.Equal(reply, atClient.AsSpan(0, 200).ToArray());
        EachEndedOnce(counts, completed: 4);
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_deadline_ends_a_never_ready_read_with_ETIME_and_takes_nothing(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe();
        var buffer = new byte[16];
        var next = new byte[16];
        int nextRead = 0;

        await Run(ring, mode, async () =>
        {
            ErrnoException error = await Fails<ErrnoException>(async () =>
                await ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromMilliseconds(30))));
            Assert.Equal(Errno.ETIME, error.Errno);
            Assert.Equal("read", error.Syscall);
            Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, ring.InFlightCount);

            // A deadline that does not fire leaves the result alone.
            pipe.Write(new byte[] { 7, 8 });
            nextRead = await ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, next, -1).WithTimeout(TimeSpan.FromSeconds(30)));
        });

        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(2, nextRead);
        Assert.Equal(new byte[] { 7, 8 }, next.AsSpan(0, 2).ToArray());
        Assert.Equal(0, ring.InFlightCount);
        EachEndedOnce(counts, completed: 1, failed: 1);
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_with_a_read_in_flight_ends_it_once_with_ObjectDisposedException(IoBackend backend, DeliveryMode mode)
    {
        using var ring = Create(backend, mode); // disposed by the scenario; again here is harmless
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe();
        var buffer = new byte[16];

        // After the ring is disposed its context runs posted work on the pool: the scenario may end off the ring.
        await Run(ring, mode, endsOnRing: false, scenario: async () =>
        {
            ValueTask<int> pending = ring.ReadAsync(pipe.ReadFd, buffer);
            await UntilPending(ring);
            Task disposing = ring.DisposeAsync().AsTask();
            await Fails<ObjectDisposedException>(async () => await pending);
            await disposing;
        });

        Assert.Equal(0, ring.InFlightCount);
        EachEndedOnce(counts, completed: 0, cancelled: 1); // disposed counts as cancelled
        Assert.Empty(ring.Abandoned);
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.ReadAsync(pipe.ReadFd, buffer); });

        // The ended read took nothing from the pipe.
        pipe.Write(new byte[] { 9 });
        Assert.Equal(new byte[] { 9 }, pipe.Read(4));
        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}
