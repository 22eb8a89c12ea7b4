using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Interop;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Try first, then ring (IoRingOptions.TryNonBlockingFirst): a page-cache hit or a ready socket completes on the
/// calling thread; whatever would block goes to the ring; the contracts (result, errno, exactly-once,
/// cancellation, metrics) are those of a ring completion, on every backend.
/// </summary>
public sealed class ImmediateAttemptTests
{
    private static IoRing Create(IoBackend backend, string name, bool tryFirst = true) =>
        IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 256, Name = name, TryNonBlockingFirst = tryFirst });

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_page_cached_read_completes_on_the_calling_thread_with_the_files_bytes(IoBackend backend)
    {
        using var file = new TempFile(64 * 1024);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var counts = new RingCounts("immediate-read-" + backend);
        using IoRing ring = Create(backend, counts.RingName);
        var buffer = new byte[4096];

        ValueTask<int> read = ring.ReadAsync(handle, buffer, 8192);
        Assert.True(read.IsCompletedSuccessfully, "a page-cache hit must complete before ReadAsync returns");
        Assert.Equal(4096, await read);
        Assert.Equal(file.Content.AsSpan(8192, 4096).ToArray(), buffer);

        Assert.Equal(1, counts["asyncsys.ops.immediate"]);
        Assert.Equal(1, counts["asyncsys.ops.submitted"]);
        Assert.Equal(1, counts["asyncsys.ops.completed"]);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_write_at_an_offset_lands_in_the_file(IoBackend backend)
    {
        using var file = new TempFile(8192);
        using SafeFileHandle handle = file.Open();
        using IoRing ring = Create(backend, "immediate-write-" + backend);
        byte[] data = Enumerable.Range(0, 100).Select(i => (byte)(255 - i)).ToArray();

        Assert.Equal(100, await ring.WriteAtMostAsync(handle, data, 1000));

        byte[] onDisk = File.ReadAllBytes(file.Path);
        Assert.Equal(data, onDisk.AsSpan(1000, 100).ToArray());
        Assert.Equal(file.Content.AsSpan(0, 1000).ToArray(), onDisk.AsSpan(0, 1000).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_read_that_crosses_end_of_file_returns_what_is_there(IoBackend backend)
    {
        // The attempt reads 1904 bytes of 4096: short for a positional read, so the ring redoes it; same answer.
        using var file = new TempFile(6000);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using IoRing ring = Create(backend, "immediate-eof-" + backend);
        var buffer = new byte[4096];

        Assert.Equal(6000 - 4096, await ring.ReadAsync(handle, buffer, 4096));
        Assert.Equal(file.Content.AsSpan(4096).ToArray(), buffer.AsSpan(0, 6000 - 4096).ToArray());
        Assert.Equal(0, await ring.ReadAsync(handle, buffer, 6000));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Vectored_reads_and_writes_move_every_segment(IoBackend backend)
    {
        using var file = new TempFile(16 * 1024);
        using SafeFileHandle handle = file.Open();
        using IoRing ring = Create(backend, "immediate-vector-" + backend);
        var first = new byte[1000];
        var second = new byte[3000];

        Assert.Equal(4000, await ring.ReadAsync(handle, new Memory<byte>[] { first, second }, 100));
        Assert.Equal(file.Content.AsSpan(100, 1000).ToArray(), first);
        Assert.Equal(file.Content.AsSpan(1100, 3000).ToArray(), second);

        byte[] a = Enumerable.Repeat((byte)0xAB, 10).ToArray();
        byte[] b = Enumerable.Repeat((byte)0xCD, 20).ToArray();
        Assert.Equal(30, await ring.WriteAtMostAsync(handle, new ReadOnlyMemory<byte>[] { a, b }, 50));
        byte[] onDisk = File.ReadAllBytes(file.Path);
        Assert.Equal(a.Concat(b).ToArray(), onDisk.AsSpan(50, 30).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_failing_attempt_reports_the_rings_errno_as_an_ErrnoException(IoBackend backend)
    {
        using var file = new TempFile(4096);
        using SafeFileHandle writeOnly = file.Open(FileAccess.Write);
        using var counts = new RingCounts("immediate-error-" + backend);
        using IoRing ring = Create(backend, counts.RingName);

        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.ReadAsync(writeOnly, new byte[16], 0));

        Assert.Equal(Errno.EBADF, error.Errno);
        Assert.Equal("pread", error.Syscall);
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);
        Assert.Equal(1, counts["asyncsys.ops.failed"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_read_that_would_block_goes_to_the_ring_and_completes_when_data_arrives(IoBackend backend)
    {
        using var pipe = new Pipe();
        using var counts = new RingCounts("immediate-pipe-" + backend);
        using IoRing ring = Create(backend, counts.RingName);
        var buffer = new byte[8];

        ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, buffer);
        Assert.False(read.IsCompleted, "an empty pipe cannot complete the read");
        pipe.Write(new byte[] { 1, 2, 3 });

        Assert.Equal(3, await read.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer.AsSpan(0, 3).ToArray());
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);

        // With data already waiting, the next read needs no ring.
        pipe.Write(new byte[] { 9 });
        ValueTask<int> ready = ring.ReadAsync(pipe.ReadFd, buffer);
        Assert.Equal(1, await ready);
        Assert.Equal(9, buffer[0]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Recv_and_send_on_a_ready_socket_complete_at_once_and_an_idle_recv_waits_on_the_ring(IoBackend backend)
    {
        using var pair = new LoopbackPair();
        using var counts = new RingCounts("immediate-socket-" + backend);
        using IoRing ring = Create(backend, counts.RingName);
        var buffer = new byte[64];

        ValueTask<int> idle = ring.ReceiveAsync(pair.Server.SafeHandle, buffer, 0);
        Assert.False(idle.IsCompleted, "nothing was sent yet");
        Assert.Equal(5, await ring.SendAsync(pair.Client.SafeHandle, "hello"u8.ToArray(), 0));
        Assert.Equal(5, await idle.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("hello"u8.ToArray(), buffer.AsSpan(0, 5).ToArray());

        pair.Client.Send("again"u8);
        await WaitUntilReadable(pair.Server);
        ValueTask<int> ready = ring.ReceiveAsync(pair.Server.SafeHandle, buffer, 0);
        Assert.True(ready.IsCompletedSuccessfully, "data was waiting");
        Assert.Equal(5, await ready);
        Assert.Equal("again"u8.ToArray(), buffer.AsSpan(0, 5).ToArray());

        Assert.Equal(2, counts["asyncsys.ops.immediate"]); // the first send and the second recv
    }

    [Fact]
    public async Task Recv_with_MSG_WAITALL_is_never_attempted_so_it_still_waits_for_every_byte()
    {
        using var pair = new LoopbackPair();
        using var counts = new RingCounts("immediate-waitall");
        using IoRing ring = Create(IoBackend.IoUring, counts.RingName);
        pair.Client.Send(new byte[] { 1, 2 });
        await WaitUntilReadable(pair.Server);
        var buffer = new byte[4];

        ValueTask<int> read = ring.ReceiveAsync(pair.Server.SafeHandle, buffer, MessageFlags.WaitAll);
        pair.Client.Send(new byte[] { 3, 4 });

        Assert.Equal(4, await read.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, buffer);
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Accept_is_attempted_only_on_a_non_blocking_listener(IoBackend backend)
    {
        using var counts = new RingCounts("immediate-accept-" + backend);
        using IoRing ring = Create(backend, counts.RingName);
        foreach (bool nonBlocking in new[] { false, true })
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            listener.Listen(4);
            listener.Blocking = !nonBlocking;
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndPoint!);

            using Socket accepted = await ring.AcceptAsync(listener).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            client.Send(new byte[] { 42 });
            var one = new byte[1];
            Assert.Equal(1, accepted.Receive(one));
            Assert.Equal(42, one[0]);
            Assert.Equal(nonBlocking ? 1 : 0, counts["asyncsys.ops.immediate"]);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_cancelled_token_before_the_attempt_never_runs_the_write(IoBackend backend)
    {
        using var file = new TempFile(4096);
        using SafeFileHandle handle = file.Open();
        using var counts = new RingCounts("immediate-cancelled-" + backend);
        using IoRing ring = Create(backend, counts.RingName);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ring.WriteAsync(handle, new byte[] { 0xFF, 0xFF }, 0, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ring.SubmitAsync(RingRequest.Write(handle, new byte[] { 0xFF }, 0), cts.Token));

        Assert.Equal(file.Content, File.ReadAllBytes(file.Path));
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);
    }

    [Fact]
    public async Task The_ring_option_and_the_per_request_switch_keep_operations_on_the_ring()
    {
        using var file = new TempFile(8192);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        var buffer = new byte[4096];

        using (var counts = new RingCounts("immediate-off"))
        using (IoRing off = Create(IoBackend.IoUring, counts.RingName, tryFirst: false))
        {
            Assert.Equal(4096, await off.ReadAsync(handle, buffer, 0));
            Assert.Equal(1, counts["asyncsys.ops.completed"]);
            Assert.Equal(0, counts["asyncsys.ops.immediate"]);
        }

        using (var counts = new RingCounts("immediate-request-off"))
        using (IoRing ring = Create(IoBackend.IoUring, counts.RingName))
        {
            RingRequest request = RingRequest.Read(handle, buffer, 4096).WithoutImmediateAttempt();
            Assert.True(request.IsRingOnly);
            Assert.True(request.WithTag("kept").IsRingOnly);
            Assert.Equal(4096, await ring.SubmitAsync(request));
            Assert.Equal(file.Content.AsSpan(4096).ToArray(), buffer);
            Assert.Equal(4096, await ring.ReadAsync(handle, buffer, 0));
            Assert.Equal(1, counts["asyncsys.ops.immediate"]); // only the second read
        }
    }

    [Fact]
    public async Task Writes_to_an_O_APPEND_descriptor_are_never_attempted_so_nothing_is_appended_twice()
    {
        using var file = new TempFile(10);
        using var counts = new RingCounts("immediate-append");
        using IoRing ring = Create(IoBackend.IoUring, counts.RingName);
        using SafeFileHandle append = OpenRaw(file.Path, 0x1 | Libc.O_APPEND); // O_WRONLY | O_APPEND (FileMode.Append is not O_APPEND)

        // An offset is ignored on O_APPEND: the bytes go to the end either way.
        Assert.Equal(3, await ring.WriteAtMostAsync(append, new byte[] { 7, 8, 9 }, 0));

        Assert.Equal(file.Content.Concat(new byte[] { 7, 8, 9 }).ToArray(), File.ReadAllBytes(file.Path));
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);
        Assert.Equal(1, counts["asyncsys.ops.completed"]);
    }

    [Fact]
    public async Task O_DIRECT_descriptors_are_never_attempted_even_through_a_plain_handle()
    {
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-immediate-direct-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(path, Enumerable.Range(0, 8192).Select(i => (byte)i).ToArray());
            using SafeFileHandle plain = OpenRaw(path, DirectIo.OpenDirectFlag);
            using var counts = new RingCounts("immediate-direct");
            using IoRing ring = Create(IoBackend.IoUring, counts.RingName);
            using var buffer = AlignedBufferPool.Shared.Rent(4096);

            Assert.Equal(4096, await ring.ReadAsync(plain, buffer.Memory, 4096));
            Assert.Equal(Enumerable.Range(4096, 4096).Select(i => (byte)i).ToArray(), buffer.Memory.Span.ToArray());
            using DirectFileHandle direct = DirectFileHandle.Open(path, 0);
            Assert.Equal(4096, await ring.ReadAsync(direct, buffer.Memory, 0));

            Assert.Equal(2, counts["asyncsys.ops.completed"]);
            Assert.Equal(0, counts["asyncsys.ops.immediate"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_descriptor_that_keeps_refusing_is_skipped_for_a_while_then_probed_again()
    {
        var attempts = new Operations.ImmediateAttempts();
        using var pipe = new Pipe();
        Operations.ImmediateAttempts.Descriptor? descriptor = attempts.For(pipe.ReadFd, null);
        Assert.NotNull(descriptor);
        Assert.Same(descriptor, attempts.For(pipe.ReadFd, null));
        for (int i = 0; i < Operations.ImmediateAttempts.MissesBeforeBackOff; i++)
        {
            Assert.True(descriptor!.ShouldTry(RingOp.Read));
            descriptor.Refused(RingOp.Read, Errno.EAGAIN);
        }

        int skipped = 0;
        while (!descriptor!.ShouldTry(RingOp.Read))
        {
            skipped++;
        }

        Assert.Equal(8, skipped);
        descriptor.Refused(RingOp.Read, Errno.EOPNOTSUPP);
        Assert.False(descriptor.ShouldTry(RingOp.Read));

        // A SafeHandle that got the same number is another file: it starts afresh.
        using var handle = new SafeFileHandle(pipe.ReadFd, ownsHandle: false);
        Operations.ImmediateAttempts.Descriptor? other = attempts.For(pipe.ReadFd, handle);
        Assert.NotSame(descriptor, other);
        Assert.True(other!.ShouldTry(RingOp.Read));

        // A ring still reads the pipe correctly whatever the hint says.
        using IoRing ring = Create(IoBackend.IoUring, "immediate-backoff");
        pipe.Write(new byte[] { 7 });
        var buffer = new byte[1];
        Assert.Equal(1, await ring.ReadAsync(pipe.ReadFd, buffer));
        Assert.Equal(7, buffer[0]);
    }

    [Fact]
    public void Sends_that_go_at_once_do_not_wipe_out_what_refused_receives_taught()
    {
        // A request-response server: each reply is sent at once, the receive after it finds nothing yet. With one
        // history for both, every sent reply reset the receives' misses and every receive was tried and refused.
        var attempts = new Operations.ImmediateAttempts();
        using var pipe = new Pipe();
        Operations.ImmediateAttempts.Descriptor descriptor = attempts.For(pipe.ReadFd, null)!;
        int receivesTried = 0;
        for (int i = 0; i < 200; i++)
        {
            if (descriptor.ShouldTry(RingOp.Recv))
            {
                receivesTried++;
                descriptor.Refused(RingOp.Recv, Errno.EAGAIN);
            }

            Assert.True(descriptor.ShouldTry(RingOp.Send));
            descriptor.Done(RingOp.Send);
        }

        // 4 misses, 8 skipped, 4 misses, 16 skipped, 4, 32, 4, 64, 4, 128: 20 of 200 tried.
        Assert.InRange(receivesTried, 16, 24);

        // A file system that refuses non-blocking writes may still take non-blocking reads.
        Operations.ImmediateAttempts.Descriptor file = attempts.For(pipe.WriteFd, null)!;
        file.Refused(RingOp.Write, Errno.EOPNOTSUPP);
        Assert.False(file.ShouldTry(RingOp.Write));
        Assert.False(file.ShouldTry(RingOp.WriteV));
        Assert.True(file.ShouldTry(RingOp.Read));
        Assert.True(file.ShouldTry(RingOp.ReadV));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Under_cancel_all_and_dispose_races_every_operation_ends_exactly_once(IoBackend backend)
    {
        using var file = new TempFile(256 * 1024);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var pipe = new Pipe();
        IoRing ring = Create(backend, "immediate-race-" + backend);
        int ok = 0, cancelled = 0, disposed = 0, wrong = 0;
        using var stop = new CancellationTokenSource();

        async Task Loop(int seed)
        {
            var random = new Random(seed);
            var buffer = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                using var cts = new CancellationTokenSource();
                if (random.Next(4) == 0)
                {
                    cts.Cancel();
                }

                long offset = random.Next(64) * 4096L;
                try
                {
                    int read = random.Next(8) == 0
                        ? await ring.ReadAsync(pipe.ReadFd, buffer, cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30))
                        : await ring.ReadAsync(handle, buffer, offset, cts.Token);
                    if (read == 4096 && buffer.AsSpan().SequenceEqual(file.Content.AsSpan((int)offset, 4096)))
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref disposed);
                    return;
                }
            }
        }

        Task[] loops = Enumerable.Range(0, 8).Select(i => Task.Run(() => Loop(i))).ToArray();
        for (int i = 0; i < 20; i++)
        {
            await Task.Delay(10);
            ring.CancelAll(); // the pipe reads never get data: only cancellation ends them
        }

        ring.Dispose();
        stop.Cancel();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, wrong);
        Assert.True(ok > 0, "some reads completed");
        Assert.True(cancelled > 0, "some reads were cancelled");
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
    }

    private static SafeFileHandle OpenRaw(string path, int flags)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        unsafe
        {
            fixed (byte* p = bytes)
            {
                int fd = Libc.openat(Libc.AT_FDCWD, p, flags | Libc.O_CLOEXEC, 0);
                if (fd < 0)
                {
                    throw new ErrnoException(Marshal.GetLastPInvokeError(), "openat");
                }

                return new SafeFileHandle(fd, ownsHandle: true);
            }
        }
    }

    private static async Task WaitUntilReadable(Socket socket)
    {
        for (int i = 0; i < 1000 && socket.Available == 0; i++)
        {
            await Task.Delay(1);
        }

        Assert.True(socket.Available > 0, "the loopback data arrived");
    }

    /// <summary>Sums every AsyncSys counter for one ring, by instrument name.</summary>
    internal sealed class RingCounts : IDisposable
    {
        private readonly ConcurrentDictionary<string, long> _counts = new();
        private readonly MeterListener _listener = new();

        internal RingCounts(string ringName)
        {
            RingName = ringName;
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "AsyncSys")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    if (tag.Key == "asyncsys.ring" && (string?)tag.Value == RingName)
                    {
                        _counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
                    }
                }
            });
            _listener.Start();
        }

        internal string RingName { get; }

        internal long this[string name] => _counts.GetValueOrDefault(name);

        public void Dispose() => _listener.Dispose();
    }
}
