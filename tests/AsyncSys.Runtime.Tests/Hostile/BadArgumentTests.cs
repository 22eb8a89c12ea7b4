using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Arguments a careless or hostile caller passes: negative and huge offsets, empty and enormous buffers, buffers over
/// memory the kernel may not touch or that was given back to its pool, buffers that cannot be pinned. Each is refused
/// clearly or gets the kernel's own answer, and loses nothing (the ring keeps its slots and keeps working).
/// </summary>
public sealed class BadArgumentTests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Out_of_range_arguments_are_refused_before_anything_is_admitted_naming_the_argument(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        using var pipe = new RawPipe();

        await Hostile.Run(ring, mode, async () =>
        {
            async Task Refused<T>(string parameter, Func<Task> call)
                where T : ArgumentException
            {
                T e = await DeliveryModes.Fails<T>(call);
                Assert.True(e.ParamName == parameter, $"{typeof(T).Name} names '{e.ParamName}', expected '{parameter}': {e.Message}");
            }

            await Refused<ArgumentOutOfRangeException>("fileOffset", async () => await ring.ReadAsync(handle, new byte[8], -1));
            await Refused<ArgumentOutOfRangeException>("fileOffset", async () => await ring.WriteAsync(handle, new byte[8], long.MinValue));
            await Refused<ArgumentOutOfRangeException>("fileOffset", async () => await ring.ReadAsync(pipe.Read, new byte[8], -5));
            await Refused<ArgumentOutOfRangeException>("fd", async () => await ring.ReadAsync(-1, new byte[8], 0));
            await Refused<ArgumentOutOfRangeException>("fd", async () => await ring.FsyncAsync(-3));
            await Refused<ArgumentOutOfRangeException>("fileOffset", () => Task.FromResult(RingRequest.Read(pipe.Read, new byte[8], -2)));
            await Refused<ArgumentOutOfRangeException>("delay", async () => await ring.DelayAsync(TimeSpan.FromMilliseconds(-1)));
            await Refused<ArgumentOutOfRangeException>("timeout", () => Task.FromResult(RingRequest.Nop().WithTimeout(TimeSpan.Zero)));
            await Refused<ArgumentOutOfRangeException>("timeout", async () => await ring.QuiesceAsync(TimeSpan.FromMilliseconds(-2)));
            await Refused<ArgumentOutOfRangeException>("fd", () => Task.FromResult(ring.CancelByFd(-1)));
            await Refused<ArgumentException>("request", async () => await ring.SubmitAsync(default(RingRequest)));
            await Refused<ArgumentException>("buffers", async () => await ring.ReadAsync(handle, Array.Empty<Memory<byte>>(), 0));
            await Refused<ArgumentException>("buffers", async () => await ring.WriteAsync(handle, Enumerable.Repeat((ReadOnlyMemory<byte>)new byte[1], 1025).ToArray(), 0));
            await Refused<ArgumentNullException>("buffers", async () => await ring.ReadAsync(handle, (IReadOnlyList<Memory<byte>>)null!, 0));
            await Refused<ArgumentException>("path", async () => await ring.OpenAsync("a\0b", OpenFlags.ReadOnly));
            await Refused<ArgumentException>("path", async () => await ring.OpenAsync(string.Empty, OpenFlags.ReadOnly));
            await Refused<ArgumentException>("socketAddress", async () => await ring.ConnectAsync(pipe.Read, new byte[1]));
            await Assert.ThrowsAsync<InvalidOperationException>(() => Task.FromResult(default(RingRequest).WithTag("x")));

            // The one slot was never taken: the ring still runs an operation.
            await ring.NopAsync();
        });

        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(1, counts["asyncsys.ops.submitted"]);
        Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path));
    }

    private static async Task PinRefusedOr(int result, Func<Task<int>> call)
    {
        try
        {
            Assert.Equal(result, await call());
        }
        catch (InvalidOperationException e) when (e.Message == "cannot pin")
        {
        }
    }

    private static unsafe (nint Result, int Errno) SyncPwrite(int fd, byte[] data, long offset)
    {
        fixed (byte* p = data)
        {
            nint result = Sys.pwrite(fd, p, (nuint)data.Length, offset);
            return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    private static unsafe nint AddressOf(IMemoryOwner<byte> owner)
    {
        fixed (byte* p = owner.Memory.Span)
        {
            return (nint)p;
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Huge_offsets_get_the_same_answer_as_the_synchronous_syscall_and_change_nothing(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        int fd = (int)handle.DangerousGetHandle();
        var data = new byte[16];

        foreach (long offset in new[] { long.MaxValue, long.MaxValue - 8, 1L << 62, (1L << 44) + 3 })
        {
            // What the kernel says to a plain pwrite (EFBIG, EINVAL, or a count for a sparse far write).
            (nint expected, int expectedErrno) = SyncPwrite(fd, data, offset);
            System.IO.File.WriteAllBytes(file.Path, file.Content);
            int got = 0, gotErrno = 0;
            await Hostile.Run(ring, mode, async () =>
            {
                try
                {
                    got = await ring.WriteAtMostAsync(handle, data, offset);
                }
                catch (ErrnoException e)
                {
                    gotErrno = e.Errno;
                    Assert.Equal("pwrite", e.Syscall);
                }

            });

            Assert.True(
                (expected < 0 ? (0, expectedErrno) : ((int)expected, 0)) == (got, gotErrno),
                $"offset {offset}: the ring gave {got} {Errno.NameOf(gotErrno)}, pwrite gives {expected} {Errno.NameOf(expectedErrno)}");
            Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path).AsSpan(0, file.Content.Length).ToArray());
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Empty_buffers_return_zero_at_once_on_files_and_pipes(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        using var pipe = new RawPipe();
        var results = new List<int>();

        await Hostile.Run(ring, mode, async () =>
        {
            results.Add(await ring.ReadAsync(handle, Memory<byte>.Empty, 0));
            results.Add(await ring.WriteAtMostAsync(handle, ReadOnlyMemory<byte>.Empty, 100));
            results.Add(await ring.ReadAsync(pipe.Read, Memory<byte>.Empty));
            results.Add(await ring.WriteAtMostAsync(pipe.Write, ReadOnlyMemory<byte>.Empty));
            results.Add(await ring.ReadAsync(handle, new[] { Memory<byte>.Empty, Memory<byte>.Empty }, 0));
            results.Add(await ring.ReadAsync(pipe.Read, new[] { Memory<byte>.Empty }));
            await ring.WriteAsync(pipe.Write, ReadOnlyMemory<byte>.Empty);
            await ring.WriteAsync(handle, ReadOnlyMemory<byte>.Empty, 0);

            // The nearest real request still waits for its bytes: one non-empty segment among empty ones.
            var one = new byte[1];
            ValueTask<int> waiting = ring.ReadAsync(pipe.Read, new[] { Memory<byte>.Empty, one.AsMemory() });
            await Hostile.UntilPending(ring);
            Assert.False(waiting.IsCompleted);
            pipe.Put(6);
            Assert.Equal(1, await Hostile.Within(waiting.AsTask(), ring, "the vectored read with one byte to read"));
            Assert.Equal(6, one[0]);
        });

        Assert.All(results, r => Assert.Equal(0, r));
        Assert.Equal(0, pipe.Pending);
        Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_vectored_write_of_more_than_2_GiB_returns_the_kernels_capped_count_and_WriteAsync_writes_it_all(IoBackend backend, DeliveryMode mode)
    {
        const int OneGiB = 1 << 30;
        const int KernelMaxTransfer = 0x7FFFF000; // MAX_RW_COUNT: the most one read or write moves

        // Three 1 GiB buffers the kernel never touches (/dev/null does not read them), so no memory is committed.
        using IoRing ring = Hostile.Create(backend, mode);
        var memories = Enumerable.Range(0, 3).Select(_ => new MappedMemory(OneGiB, Sys.PROT_READ)).ToArray();
        int devNull = Sys.Check(Sys.open("/dev/null", Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open(/dev/null)");
        try
        {
            ReadOnlyMemory<byte>[] buffers = memories.Select(m => (ReadOnlyMemory<byte>)m.Memory).ToArray();
            int once = -1;
            await Hostile.Run(ring, mode, async () =>
            {
                once = await ring.WriteAtMostAsync(devNull, buffers, 0);
                await ring.WriteAsync(devNull, buffers, 0);
                await ring.WriteAsync(devNull, buffers);
            });

            Assert.Equal(KernelMaxTransfer, once);
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            Sys.close(devNull);
            foreach (MappedMemory m in memories)
            {
                ((IDisposable)m).Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_buffer_the_kernel_may_not_touch_gives_EFAULT_and_the_process_and_ring_carry_on(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(8192);
        using var handle = file.Open();
        using var pipe = new RawPipe();
        var forbidden = new MappedMemory(4096, Sys.PROT_NONE);
        try
        {
            var syscalls = new List<string>();
            await Hostile.Run(ring, mode, async () =>
            {
                syscalls.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(handle, forbidden.Memory, 0))).Describe(Errno.EFAULT));
                syscalls.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAtMostAsync(handle, forbidden.Memory, 0))).Describe(Errno.EFAULT));
                syscalls.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAsync(pipe.Write, forbidden.Memory))).Describe(Errno.EFAULT));
                pipe.Put(1, 2, 3);
                syscalls.Add((await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(pipe.Read, forbidden.Memory))).Describe(Errno.EFAULT));
                Assert.Equal(4096, await ring.ReadAsync(handle, new byte[4096], 4096));
            });

            Assert.Equal(new[] { "pread", "pwrite", "write", "read" }, syscalls);
            Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path));
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            ((IDisposable)forbidden).Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_pooled_buffer_given_back_while_its_read_is_in_flight_is_not_lent_again_until_the_kernel_is_done(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        var pool = new AlignedBufferPool(4096, maxRetainedPerSize: 8);

        await Hostile.Run(ring, mode, async () =>
        {
            // Warm the pool so a given-back buffer would be handed out again at once.
            var warm = Enumerable.Range(0, 4).Select(_ => pool.Rent(4096)).ToList();
            warm.ForEach(o => o.Dispose());

            IMemoryOwner<byte> lent = pool.Rent(4096);
            nint address = AddressOf(lent);
            ValueTask<int> read = ring.ReadAsync(pipe.Read, lent.Memory);
            await Hostile.UntilPending(ring);
            lent.Dispose();

            var others = Enumerable.Range(0, 8).Select(_ => pool.Rent(4096)).ToList();
            Assert.DoesNotContain(address, others.Select(AddressOf));
            others.ForEach(o => o.Span().Fill(0x55));

            pipe.Put(9, 8, 7);
            Assert.Equal(3, await Hostile.Within(read.AsTask(), ring, "the read into the given-back buffer"));
            Assert.All(others, o => Assert.True(o.Memory.Span.IndexOfAnyExcept((byte)0x55) < 0, "the kernel wrote into a buffer lent to someone else"));
            others.ForEach(o => o.Dispose());
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_buffer_that_refuses_to_be_pinned_fails_the_call_and_gives_back_its_slot(IoBackend backend, DeliveryMode mode)
    {
        // One slot: a leaked slot would make the last read wait forever.
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        using var pipe = new RawPipe();

        await Hostile.Run(ring, mode, async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                // The attempt on the caller (try-first modes) may finish without pinning; whatever reaches the ring
                // must pin, and the buffer's own exception reaches the caller.
                using var refusing = new CountingMemory(64, refusePin: true);
                await PinRefusedOr(64, async () => await ring.ReadAsync(handle, refusing.Memory, 0));
                await PinRefusedOr(64, async () => { await ring.WriteAsync(pipe.Write, refusing.Memory); return 64; });
                if (pipe.Pending > 0)
                {
                    Sys.Take(pipe.Read, 64);
                }
            }

            Assert.Equal(0, pipe.Pending);
            Assert.Equal(4096, await Hostile.Within(ring.ReadAsync(handle, new byte[4096], 0).AsTask(), ring, "a read after the refused pins"));
        });

        Assert.Equal(0, ring.InFlightCount);
    }
}

internal static class HostileExtensions
{
    /// <summary>Asserts the errno and returns the syscall name, so a test can check the names in one go.</summary>
    public static string Describe(this ErrnoException e, int errno)
    {
        Assert.True(e.Errno == errno, $"{e.Syscall}: expected {Errno.NameOf(errno)}, got {e.ErrnoName} ({e.Message})");
        Assert.Contains(Errno.NameOf(errno), e.Message, StringComparison.Ordinal);
        return e.Syscall;
    }

    public static Span<byte> Span(this IMemoryOwner<byte> owner) => owner.Memory.Span;
}
