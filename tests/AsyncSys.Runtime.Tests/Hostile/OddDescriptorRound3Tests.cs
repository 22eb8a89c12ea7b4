using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Descriptors that are not files, pipes or connected sockets: eventfd, timerfd, signalfd, inotify, a FIFO opened
/// O_RDWR, /dev/zero, /dev/full, /proc files, a directory, sockets in the wrong state, a zero-length UDP datagram,
/// descriptors passed with SCM_RIGHTS to a receiver that does not ask for them. docs/backends.md: "every backend gives
/// the same answer"; each case is compared with what the plain syscall answers.
/// </summary>
public sealed class OddDescriptorRound3Tests
{
    /// <summary>What a plain read(2) of <paramref name="count"/> bytes answers (only for calls that answer at once).</summary>
    private static unsafe string PlainRead(int fd, int count)
    {
        var buffer = new byte[Math.Max(count, 1)];
        fixed (byte* p = buffer)
        {
            nint n = Sys.read(fd, p, (nuint)count);
            return n < 0 ? Sys.LastErrno : "result " + n;
        }
    }

    /// <summary>How a ring call ended, in the same words as <see cref="PlainRead"/>.</summary>
    private static async Task<string> Answer(IoRing ring, Func<ValueTask<int>> call, string what)
    {
        Task<string> answer = Task.Run(async () =>
        {
            try
            {
                return "result " + await call();
            }
            catch (ErrnoException e)
            {
                return e.ErrnoName;
            }
        });
        return await Hostile.Within(answer, ring, what);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Eventfd_and_timerfd_counters_read_as_plain_reads_do(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int efd = Sys.Check(Sys.eventfd(0, Sys.EFD_CLOEXEC), "eventfd");
        int tfd = Sys.Check(Sys.timerfd_create(1 /* CLOCK_MONOTONIC */, Sys.TFD_CLOEXEC), "timerfd_create");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var counter = new byte[8];
                var read = ring.ReadAsync(efd, counter).AsTask();
                await Hostile.UntilPending(ring);
                Sys.WriteAll(efd, BitConverter.GetBytes(5UL));
                Assert.Equal(8, await Hostile.Within(read, ring, "the eventfd read"));
                Assert.Equal(5UL, BitConverter.ToUInt64(counter));

                // An armed timer: a waiting 8-byte read gets the expiration count; a 4-byte read is EINVAL at once, as read(2) says.
                Assert.Equal(PlainRead(tfd, 4), await Answer(ring, () => ring.ReadAsync(tfd, new byte[4]), "a short timerfd read"));
                ArmOnce(tfd, 2_000_000);
                var expirations = new byte[8];
                Assert.Equal("result 8", await Answer(ring, () => ring.ReadAsync(tfd, expirations), "the timerfd read"));
                Assert.True(BitConverter.ToUInt64(expirations) >= 1);
            });
        }
        finally
        {
            Sys.close(efd);
            Sys.close(tfd);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Signalfd_and_inotify_reads_with_a_buffer_too_small_are_EINVAL_at_once_as_read_says(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int sfd = SignalFd(Sys.SIGUSR2);
        int ifd = Sys.Check(Sys.inotify_init1(Sys.IN_CLOEXEC), "inotify_init1");
        string dir = Directory.CreateTempSubdirectory("asyncsys-inotify-").FullName;
        try
        {
            Sys.Check(Sys.inotify_add_watch(ifd, dir, Sys.IN_CREATE), "inotify_add_watch");
            File.WriteAllBytes(Path.Combine(dir, "a-file-with-a-name"), Array.Empty<byte>());
            await Hostile.Run(ring, mode, async () =>
            {
                // A plain read of a signalfd into fewer than 128 bytes is EINVAL before it looks for a signal.
                string plainSignal = PlainRead(sfd, 16);
                Assert.Equal("EINVAL", plainSignal);
                Assert.Equal(plainSignal, await Answer(ring, () => ring.ReadAsync(sfd, new byte[16]), "a short signalfd read"));

                // An inotify event larger than the buffer: EINVAL, and the event stays for a read that fits.
                Assert.Equal("EINVAL", await Answer(ring, () => ring.ReadAsync(ifd, new byte[1]), "a short inotify read"));
                string whole = await Answer(ring, () => ring.ReadAsync(ifd, new byte[4096]), "an inotify read that fits");
                Assert.StartsWith("result ", whole, StringComparison.Ordinal);
                Assert.True(int.Parse(whole.AsSpan(7), System.Globalization.CultureInfo.InvariantCulture) > 16);
            });
        }
        finally
        {
            Sys.close(sfd);
            Sys.close(ifd);
            Directory.Delete(dir, true);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_fifo_opened_read_write_dev_zero_dev_full_proc_files_and_a_directory_answer_as_plain_reads_do(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        string fifo = Path.Combine(Path.GetTempPath(), "asyncsys-fifo-" + Guid.NewGuid().ToString("N"));
        Sys.Check(Sys.mkfifo(fifo, 0x180), "mkfifo");
        int ffd = Sys.Check(Sys.open(fifo, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open fifo");
        int zero = Sys.Check(Sys.open("/dev/zero", Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open /dev/zero");
        int full = Sys.Check(Sys.open("/dev/full", Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open /dev/full");
        int proc = Sys.Check(Sys.open("/proc/version", Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open /proc/version");
        int dir = Sys.Check(Sys.open("/tmp", Sys.O_RDONLY | Sys.O_CLOEXEC | 0x10000 /* O_DIRECTORY */, 0), "open /tmp");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // The FIFO: one descriptor for both ends; a read waits, a write from the ring reaches it.
                var got = new byte[8];
                var read = ring.ReadAsync(ffd, got).AsTask();
                await Hostile.UntilPending(ring);
                Assert.Equal(3, await ring.WriteAtMostAsync(ffd, new byte[] { 4, 5, 6 }));
                Assert.Equal(3, await Hostile.Within(read, ring, "the FIFO read"));
                Assert.Equal(new byte[] { 4, 5, 6 }, got.AsSpan(0, 3).ToArray());

                // /dev/zero and /dev/full read zeros, whole; /dev/full refuses writes with ENOSPC.
                var zeros = Enumerable.Repeat((byte)0xFF, 65536).ToArray();
                // A /dev/zero read stops early when a signal is pending for the thread running it (io_uring's own task
                // work counts as one on the ring thread): a short read, which the docs allow on any backend.
                string zeroRead = await Answer(ring, () => ring.ReadAsync(zero, zeros), "a /dev/zero read");
                Assert.StartsWith("result ", zeroRead, StringComparison.Ordinal);
                int zeroCount = int.Parse(zeroRead.AsSpan(7), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(zeroCount, 1, zeros.Length);
                Assert.All(zeros.Take(zeroCount), b => Assert.Equal(0, b));
                Assert.All(zeros.Skip(zeroCount), b => Assert.Equal(0xFF, b));
                Assert.Equal(PlainRead(full, 100), await Answer(ring, () => ring.ReadAsync(full, new byte[100]), "a /dev/full read"));
                Assert.Equal("ENOSPC", await Answer(ring, () => ring.WriteAtMostAsync(full, new byte[10]), "a /dev/full write"));

                // /proc: what a plain pread gives at 0, then 0 past the end.
                byte[] plain = Sys.PRead(proc, 65536, 0);
                var version = new byte[65536];
                Assert.Equal("result " + plain.Length, await Answer(ring, () => ring.ReadAsync(proc, version, 0), "a /proc/version read"));
                Assert.Equal(plain, version.AsSpan(0, plain.Length).ToArray());
                Assert.Equal("result 0", await Answer(ring, () => ring.ReadAsync(proc, version, plain.Length), "a /proc/version read at its end"));

                // A directory: EISDIR, as read(2).
                Assert.Equal(PlainRead(dir, 16), await Answer(ring, () => ring.ReadAsync(dir, new byte[16], 0), "a directory read"));
            });
        }
        finally
        {
            foreach (int fd in new[] { ffd, zero, full, proc, dir })
            {
                Sys.close(fd);
            }

            File.Delete(fifo);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Sockets_in_the_wrong_state_answer_as_plain_calls_do(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        using var unconnected = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        int lfd = (int)listener.SafeHandle.DangerousGetHandle(), ufd = (int)unconnected.SafeHandle.DangerousGetHandle();
        const int MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
        string plainRecv = PlainRecv(lfd, MSG_DONTWAIT);
        string plainSend = PlainSend(ufd, MSG_DONTWAIT | MSG_NOSIGNAL);
        await Hostile.Run(ring, mode, async () =>
        {
            Assert.Equal(plainRecv, await Answer(ring, () => ring.ReceiveAsync(lfd, new byte[1]), "recv on a listener"));
            Assert.Equal(plainRecv, await Answer(ring, () => ring.ReadAsync(lfd, new byte[1]), "read on a listener"));
            Assert.Equal(plainSend, await Answer(ring, () => ring.SendAsync(ufd, new byte[1], MessageFlags.NoSignal), "send on an unconnected socket"));
            Assert.Equal(plainRecv, await Answer(ring, () => ring.ReceiveAsync(ufd, new byte[1]), "recv on an unconnected socket"));
        });

        Assert.Equal("ENOTCONN", plainRecv);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_zero_length_UDP_datagram_is_received_and_sent_as_plain_calls_do(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var a = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var b = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        a.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        b.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        a.Connect(b.LocalEndPoint!);
        b.Connect(a.LocalEndPoint!);
        int afd = (int)a.SafeHandle.DangerousGetHandle(), bfd = (int)b.SafeHandle.DangerousGetHandle();
        await Hostile.Run(ring, mode, async () =>
        {
            // Received: a waiting recv gets the empty datagram (0), then the next one whole.
            var buffer = new byte[16];
            var first = Task.Run(async () => await ring.ReceiveAsync(bfd, buffer));
            await Hostile.UntilPending(ring);
            Assert.Equal(0, a.Send(Array.Empty<byte>()));
            Assert.Equal(0, await Hostile.Within(first, ring, "the recv of an empty datagram"));
            Assert.Equal(3, a.Send(new byte[] { 1, 2, 3 }));
            Assert.Equal(3, await ring.ReceiveAsync(bfd, buffer));

            // Sent: a plain send(2) of nothing on a datagram socket sends an empty datagram; so must the ring.
            Assert.Equal(0, await ring.SendAsync(afd, ReadOnlyMemory<byte>.Empty));
            const int MSG_DONTWAIT = 0x40;
            string arrived = PlainRecv(bfd, MSG_DONTWAIT);
            Assert.True(arrived == "result 0", $"the empty datagram the ring sent did not arrive: recv gave {arrived}");
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Descriptors_passed_with_SCM_RIGHTS_to_a_plain_recv_are_dropped_by_the_kernel_not_leaked(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (int left, int right) = Sys.SocketPair();
        using var passed = new RawPipe();
        Sys.fcntl(passed.Read, 4 /* F_SETFL */, Sys.O_NONBLOCK);
        try
        {
            // Send one byte with the pipe's write end attached, then close every copy of the write end this process has.
            SendWithRights(left, 77, passed.Write);
            passed.CloseWrite();

            await Hostile.Run(ring, mode, async () =>
            {
                var buffer = new byte[16];
                Assert.Equal(1, await Hostile.Within(Task.Run(async () => await ring.ReceiveAsync(right, buffer)), ring, "the recv"));
                Assert.Equal(77, buffer[0]);

                // The kernel drops the passed descriptor with the message; once nothing holds the write end, the pipe
                // reads end of file (a leaked copy would keep it EAGAIN).
                await Hostile.Until(() => PlainRead(passed.Read, 1) == "result 0", "the passed write end was released (the pipe reads end of file)");
            });
        }
        finally
        {
            Sys.close(left);
            Sys.close(right);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    private static unsafe void ArmOnce(int tfd, long nanoseconds)
    {
        long* spec = stackalloc long[4];
        spec[0] = 0;
        spec[1] = 0;
        spec[2] = 0;
        spec[3] = nanoseconds;
        Sys.Check(Sys.timerfd_settime(tfd, 0, spec, null), "timerfd_settime");
    }

    private static unsafe int SignalFd(int signal)
    {
        ulong mask = 1UL << (signal - 1);
        return Sys.Check(Sys.signalfd(-1, &mask, Sys.SFD_CLOEXEC), "signalfd");
    }

    private static unsafe string PlainRecv(int fd, int flags)
    {
        byte b;
        nint n = Sys.recv(fd, &b, 1, flags);
        return n < 0 ? Sys.LastErrno : "result " + n;
    }

    private static unsafe string PlainSend(int fd, int flags)
    {
        byte b = 0;
        nint n = Sys.send(fd, &b, 1, flags);
        return n < 0 ? Sys.LastErrno : "result " + n;
    }

    /// <summary>sendmsg of one byte with <paramref name="passedFd"/> attached (SCM_RIGHTS).</summary>
    private static unsafe void SendWithRights(int fd, byte data, int passedFd)
    {
        var iov = stackalloc nint[2];
        iov[0] = (nint)(&data);
        iov[1] = 1;
        byte* control = stackalloc byte[24];
        new Span<byte>(control, 24).Clear();
        *(ulong*)control = 20; // cmsg_len = CMSG_LEN(sizeof(int))
        *(int*)(control + 8) = Sys.SOL_SOCKET;
        *(int*)(control + 12) = Sys.SCM_RIGHTS;
        *(int*)(control + 16) = passedFd;
        byte* message = stackalloc byte[56];
        new Span<byte>(message, 56).Clear();
        *(nint*)(message + 16) = (nint)iov;
        *(ulong*)(message + 24) = 1;
        *(nint*)(message + 32) = (nint)control;
        *(ulong*)(message + 40) = 24;
        Assert.Equal(1, (int)Sys.sendmsg(fd, message, 0));
    }
}
