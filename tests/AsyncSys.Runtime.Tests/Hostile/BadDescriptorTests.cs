using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Descriptors that are closed, invalid, or closed by their owner while an operation uses them
/// (docs/cancellation.md "Buffer ownership": a SafeHandle stays referenced until the kernel's completion).
/// </summary>
public sealed class BadDescriptorTests
{
    private static int _numbers;

    /// <summary>
    /// A descriptor number that was open and is closed now, from a range no other test's opens reach (the kernel
    /// hands out the lowest free number), so nothing else can take it meanwhile.
    /// </summary>
    internal static int ClosedNumber()
    {
        int fd = Sys.Check(Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open(/dev/null)");
        int high = 15_000 + (Interlocked.Increment(ref _numbers) % 4000);
        int number = Sys.Check(Sys.fcntl(fd, 1030 /* F_DUPFD_CLOEXEC: the lowest free number from high up */, high), "fcntl(F_DUPFD_CLOEXEC)");
        Sys.close(fd);
        Sys.close(number);
        return number;
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_closed_descriptor_gives_EBADF_naming_the_syscall_on_every_kind_of_operation(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        int fd = ClosedNumber();

        await Hostile.Run(ring, mode, async () =>
        {
            var calls = new (string Syscall, Func<Task> Call)[]
            {
                ("pread", async () => await ring.ReadAsync(fd, new byte[16], 0)),
                ("read", async () => await ring.ReadAsync(fd, new byte[16])),
                ("pwrite", async () => await ring.WriteAtMostAsync(fd, new byte[16], 0)),
                ("write", async () => await ring.WriteAsync(fd, new byte[16])),
                ("preadv", async () => await ring.ReadAsync(fd, new Memory<byte>[] { new byte[4], new byte[4] }, 0)),
                ("pwritev", async () => await ring.WriteAtMostAsync(fd, new ReadOnlyMemory<byte>[] { new byte[4], new byte[4] }, 0)),
                ("fsync", async () => await ring.FsyncAsync(fd)),
                ("fdatasync", async () => await ring.FdatasyncAsync(fd)),
                ("recv", async () => await ring.ReceiveAsync(fd, new byte[4])),
                ("send", async () => await ring.SendAsync(fd, new byte[4])),
                ("accept4", async () => await ring.AcceptAsync(fd)),
                ("fallocate", async () => await ring.FallocateAsync(fd, 0, 0, 4096)),
                ("ftruncate", async () => await ring.FtruncateAsync(fd, 0)),
            };
            foreach ((string syscall, Func<Task> call) in calls)
            {
                ErrnoException e = await DeliveryModes.Fails<ErrnoException>(call);
                Assert.True(e.Errno == Errno.EBADF, $"{syscall}: {e.ErrnoName} ({e.Message})");
                Assert.Equal("EBADF", e.ErrnoName);
                Assert.Equal(syscall, e.Syscall);
                Assert.Contains("EBADF", e.Message, StringComparison.Ordinal);
            }

            // poll on a closed descriptor: EBADF from the ring, or POLLNVAL as poll(2) itself reports it.
            (Ending ending, int value, Exception? error) = await ledger.Track(async () => (int)await ring.PollAsync(fd, PollEvents.In), "poll");
            Assert.True(
                (ending == Ending.Errno && error is ErrnoException { Errno: Errno.EBADF }) || (ending == Ending.Result && ((PollEvents)value).HasFlag(PollEvents.Invalid)),
                $"poll on a closed descriptor ended {ending} {value} {error?.Message}");
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_handle_closed_or_invalid_before_the_call_is_refused_and_admits_nothing(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(4096);
        SafeFileHandle closed = file.Open();
        closed.Dispose();
        using var invalid = new SafeFileHandle(-1, ownsHandle: false);

        await Hostile.Run(ring, mode, async () =>
        {
            await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.ReadAsync(closed, new byte[8], 0));
            await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.WriteAsync(closed, new byte[8], 0));
            await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.FsyncAsync(closed));
            await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.PollAsync(closed, PollEvents.In));
            await DeliveryModes.Fails<ArgumentException>(async () => await ring.ReadAsync(invalid, new byte[8], 0));
            await DeliveryModes.Fails<ArgumentException>(async () => await ring.WriteAtMostAsync(invalid, new byte[8], 0));
            await DeliveryModes.Fails<ArgumentNullException>(async () => await ring.ReadAsync((SafeHandle)null!, new byte[8], 0));
            await ring.NopAsync();
        });

        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(1, counts["asyncsys.ops.submitted"]);
        Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path));
    }

    /// <summary>
    /// A handle over a descriptor of its own (a dup of a pipe's read end) that, when it is finally released, first
    /// writes a sentinel byte into the pipe: if the kernel still had a read armed on it, that read would take the
    /// sentinel. The test then finds the sentinel in the pipe, or not.
    /// </summary>
    private sealed class WatchedPipeHandle : SafeHandle
    {
        private readonly RawPipe _pipe;

        public WatchedPipeHandle(RawPipe pipe)
            : base(-1, ownsHandle: true)
        {
            _pipe = pipe;
            SetHandle(Sys.Check(Sys.dup(pipe.Read), "dup"));
        }

        public int Number => (int)handle;

        public int Released;

        public override bool IsInvalid => handle == -1;

        protected override bool ReleaseHandle()
        {
            _pipe.Put(0xEE);
            Interlocked.Increment(ref Released);
            return Sys.close((int)handle) == 0;
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_handle_disposed_while_its_read_is_in_flight_stays_open_until_the_kernel_answers(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();

        await Hostile.Run(ring, mode, async () =>
        {
            // How each round ends: with data, with the token, with CancelAll.
            for (int round = 0; round < 3; round++)
            {
                using var pipe = new RawPipe();
                var handle = new WatchedPipeHandle(pipe);
                int number = handle.Number;
                using var cts = new CancellationTokenSource();
                var buffer = new byte[1];
                Task<(Ending Ending, int Value, Exception?)> read = ledger.Track(() => ring.ReadAsync(handle, buffer, cts.Token), "read");
                await Hostile.UntilPending(ring);

                handle.Dispose();

                // The number is still taken while the kernel may use it: new descriptors never get it.
                var fresh = Enumerable.Range(0, 4).Select(_ => new RawPipe()).ToArray();
                Assert.DoesNotContain(number, fresh.SelectMany(p => new[] { p.Read, p.Write }));
                Assert.Equal(0, handle.Released);

                switch (round)
                {
                    case 0:
                        pipe.Put(42);
                        Assert.Equal((Ending.Result, 1), ((await read).Ending, (await read).Value));
                        Assert.Equal(42, buffer[0]);
                        break;
                    case 1:
                        cts.Cancel();
                        Assert.Equal(Ending.Cancelled, (await read).Ending);
                        break;
                    default:
                        ring.CancelAll();
                        Assert.Equal(Ending.Cancelled, (await read).Ending);
                        break;
                }

                // Released once the kernel answered, and then nobody was reading: the sentinel is still there.
                await Hostile.Until(() => Volatile.Read(ref handle.Released) == 1, "the handle is released after the completion");
                Assert.Equal(1, pipe.Pending);
                Assert.Equal(0xEE, Sys.Take(pipe.Read, 4).Single());
                foreach (RawPipe p in fresh)
                {
                    p.Dispose();
                }
            }
        });

        ledger.AssertEachEndedOnce();
    }
}
