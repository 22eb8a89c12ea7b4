using System;
using System.Buffers;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// The kernel's errors as a caller meets them: ENOSPC, EPIPE (with SIGPIPE, which must not end the process), EINVAL
/// from an eventfd and from O_DIRECT, descriptors of the wrong kind. Each is an ErrnoException naming the errno and
/// the syscall, and nothing else is lost (ARCHITECTURE invariant 1, docs/getting-started.md).
/// </summary>
public sealed class ErrnoTests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task ENOSPC_from_a_full_device_is_an_ErrnoException_for_every_kind_of_write(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int full = Sys.Check(Sys.open("/dev/full", Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open(/dev/full)");
        try
        {
            var names = new System.Collections.Generic.List<string>();
            await Hostile.Run(ring, mode, async () =>
            {
                names.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAsync(full, new byte[100], 0))).Describe(Errno.ENOSPC));
                names.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAtMostAsync(full, new byte[100], 0))).Describe(Errno.ENOSPC));
                names.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAsync(full, new byte[100]))).Describe(Errno.ENOSPC));
                names.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAtMostAsync(full, new ReadOnlyMemory<byte>[] { new byte[10], new byte[10] }, 0))).Describe(Errno.ENOSPC));
            });

            Assert.Equal(new[] { "pwrite", "pwrite", "write", "pwritev" }, names);
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            Sys.close(full);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task EPIPE_on_a_pipe_and_a_socket_whose_reader_is_gone_is_an_ErrnoException_and_the_process_lives(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var broken = new RawPipe();
        broken.CloseRead();
        (int a, int b) = Sys.SocketPair();
        Sys.close(b);
        using var full = new RawPipe();
        var ledger = new Ledger();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                Assert.Equal("write", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAsync(broken.Write, new byte[10]))).Describe(Errno.EPIPE));
                Assert.Equal("write", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAtMostAsync(broken.Write, new byte[10]))).Describe(Errno.EPIPE));
                ErrnoException send = await DeliveryModes.Fails<ErrnoException>(async () => await ring.SendAsync(a, new byte[10]));
                Assert.True(send.Errno is Errno.EPIPE or Errno.ECONNRESET, send.Message);
                Assert.Equal("send", send.Syscall);

                // A write waiting for room when the reader goes away: it ends once, with EPIPE.
                while (Sys.Pending(full.Read) < 65536)
                {
                    full.Put(new byte[4096]);
                }

                Task<(Ending Ending, int Value, Exception? Error)> waiting = ledger.Track(() => ring.WriteAtMostAsync(full.Write, new byte[100]), "blocked write");
                await Hostile.UntilPending(ring);
                full.CloseRead();
                (Ending ending, _, Exception? error) = await waiting;
                Assert.True(ending == Ending.Errno && error is ErrnoException { Errno: Errno.EPIPE, Syscall: "write" }, $"the waiting write ended {ending}: {error}");
            });
        }
        finally
        {
            Sys.close(a);
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Descriptors_of_the_wrong_kind_give_the_kernels_errno_and_syscall(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        using var notListening = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        notListening.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int closedPort;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closedPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        int dirFd = Sys.Check(Sys.open(System.IO.Path.GetTempPath(), Sys.O_RDONLY | Sys.O_CLOEXEC | 0x10000 /* O_DIRECTORY */, 0), "open(dir)");
        using var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                pipe.Put(1);
                Assert.Equal("recv", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReceiveAsync(pipe.Read, new byte[4]))).Describe(Errno.ENOTSOCK));
                Assert.Equal("accept4", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.AcceptAsync((int)notListening.SafeHandle.DangerousGetHandle()))).Describe(Errno.EINVAL));
                Assert.Equal("pread", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(dirFd, new byte[4], 0))).Describe(Errno.EISDIR));
                Assert.Equal("fsync", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.FsyncAsync(pipe.Write))).Describe(Errno.EINVAL));
                Assert.Equal("shutdown", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.ShutdownAsync(pipe.Read, SocketShutdown.Both))).Describe(Errno.ENOTSOCK));
                Assert.Equal("openat", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.OpenAsync("/nonexistent-" + Guid.NewGuid(), OpenFlags.ReadOnly))).Describe(Errno.ENOENT));
                Assert.Equal("connect", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.ConnectAsync(refused, new IPEndPoint(IPAddress.Loopback, closedPort)))).Describe(Errno.ECONNREFUSED));
            });

            // The failed recv took nothing from the pipe.
            Assert.Equal(1, pipe.Pending);
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            Sys.close(dirFd);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task An_eventfd_read_with_a_short_buffer_is_EINVAL_and_a_waiting_read_returns_the_counter(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int efd = Sys.Check(Sys.eventfd(0, Sys.EFD_CLOEXEC), "eventfd");
        try
        {
            var counter = new byte[8];
            await Hostile.Run(ring, mode, async () =>
            {
                Assert.Equal("read", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(efd, new byte[4]))).Describe(Errno.EINVAL));
                ValueTask<int> read = ring.ReadAsync(efd, counter);
                await Hostile.UntilPending(ring);
                Sys.WriteAll(efd, BitConverter.GetBytes(5UL));
                Assert.Equal(8, await Hostile.Within(read.AsTask(), ring, "the eventfd read"));
            });

            Assert.Equal(5UL, BitConverter.ToUInt64(counter));
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            Sys.close(efd);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Misaligned_O_DIRECT_requests_are_refused_before_the_kernel_naming_the_alignment_and_a_raw_descriptor_gets_EINVAL(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(64 * 1024);
        using DirectFileHandle direct = DirectFileHandle.Open(file.Path, OpenFlags.ReadWrite);
        int raw = Sys.Check(Sys.open(file.Path, Sys.O_RDWR | Sys.O_CLOEXEC | DirectIo.OpenDirectFlag, 0), "open(O_DIRECT)");
        using IMemoryOwner<byte> aligned = AlignedBufferPool.Shared.Rent(3 * 4096);
        try
        {
            int alignment = direct.OffsetAlignment;
            await Hostile.Run(ring, mode, async () =>
            {
                ArgumentException address = await DeliveryModes.Fails<ArgumentException>(async () => await ring.ReadAsync(direct, aligned.Memory.Slice(1, 4096), 0));
                Assert.Contains(direct.MemoryAlignment.ToString(System.Globalization.CultureInfo.InvariantCulture), address.Message, StringComparison.Ordinal);
                ArgumentException offset = await DeliveryModes.Fails<ArgumentException>(async () => await ring.WriteAsync(direct, aligned.Memory.Slice(0, 4096), 100));
                Assert.Contains("100", offset.Message, StringComparison.Ordinal);
                Assert.Contains(alignment.ToString(System.Globalization.CultureInfo.InvariantCulture), offset.Message, StringComparison.Ordinal);
                await DeliveryModes.Fails<ArgumentException>(async () => await ring.ReadAsync(direct, aligned.Memory.Slice(0, alignment + 1), 0));
                await DeliveryModes.Fails<ArgumentException>(async () => await ring.ReadAsync(direct, new[] { aligned.Memory.Slice(0, 4096), aligned.Memory.Slice(4096 + 1, 4096) }, 0));
            });

            // Nothing reached the kernel.
            Assert.Equal(0, counts["asyncsys.ops.submitted"]);

            await Hostile.Run(ring, mode, async () =>
            {
                Assert.Equal("pread", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(raw, aligned.Memory.Slice(1, 4096), 0))).Describe(Errno.EINVAL));
                Assert.Equal("pwrite", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAtMostAsync(raw, aligned.Memory.Slice(0, 4096), 100))).Describe(Errno.EINVAL));
                Assert.Equal(4096, await ring.ReadAsync(direct, aligned.Memory.Slice(0, 4096), 4096));
            });

            Assert.Equal(file.Content.AsSpan(4096, 4096).ToArray(), aligned.Memory.Slice(0, 4096).ToArray());
            Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path));
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            Sys.close(raw);
        }
    }
}
