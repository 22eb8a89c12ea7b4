using System;
using System.Linq;
using AsyncSys.Interop;
using AsyncSys.Shared;
using Xunit;

namespace AsyncSys.Runtime.Tests;

/// <summary>The one table that says what each operation is must cover every RingOp, in enum order.</summary>
public sealed class RingOperationsTableTests
{
    [Fact]
    public void Every_operation_has_exactly_one_row_in_enum_order()
    {
        RingOp[] operations = Enum.GetValues<RingOp>().Where(op => op >= RingOperations.First).ToArray();
        Assert.Equal(operations.Length, RingOperations.Count);
        for (int i = 0; i < operations.Length; i++)
        {
            Assert.Equal(operations[i], RingOperations.All[i].Op);
            Assert.Same(RingOperations.All[i], RingOperations.Of(operations[i]));
        }

        Assert.False(RingOperations.IsOperation(RingOp.Auto));
        Assert.False(RingOperations.IsOperation(RingOp.None));
        Assert.False(RingOperations.IsOperation((RingOp)(operations.Max() + 1)));
    }

    [Theory]
    [InlineData(RingOp.Read, (byte)IoUringOp.Read)]
    [InlineData(RingOp.ReadV, (byte)IoUringOp.ReadV)]
    [InlineData(RingOp.Fdatasync, (byte)IoUringOp.Fsync)]
    [InlineData(RingOp.Poll, (byte)IoUringOp.PollAdd)]
    [InlineData(RingOp.Accept, (byte)IoUringOp.Accept)]
    [InlineData(RingOp.Splice, (byte)IoUringOp.Splice)]
    [InlineData(RingOp.Timeout, (byte)IoUringOp.Timeout)]
    public void Opcode_matches_the_kernel_header_enum(RingOp op, byte expected) =>
        Assert.Equal(expected, RingOperations.Of(op).IoUringOpcode);

    [Fact]
    public void Every_opcode_in_the_table_is_a_named_io_uring_opcode()
    {
        foreach (RingOpInfo info in RingOperations.All)
        {
            Assert.True(Enum.IsDefined((IoUringOp)info.IoUringOpcode), $"{info.Op}: opcode {info.IoUringOpcode}");
        }
    }

    [Fact]
    public void Only_openat_and_accept_create_descriptors()
    {
        RingOp[] creating = RingOperations.All.ToArray().Where(i => i.Has(RingOpTraits.CreatesDescriptor)).Select(i => i.Op).ToArray();
        Assert.Equal(new[] { RingOp.OpenAt, RingOp.Accept }, creating);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async System.Threading.Tasks.Task Errors_name_the_syscall_for_the_offset_used(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend);
        byte[] buffer = new byte[16];
        const int ClosedFd = 1 << 30; // above any descriptor limit: never open, even while other tests open files

        ErrnoException atOffset = await Assert.ThrowsAsync<ErrnoException>(() => ring.SubmitAsync(RingRequest.Read(ClosedFd, buffer, 0)).AsTask());
        ErrnoException atPosition = await Assert.ThrowsAsync<ErrnoException>(() => ring.SubmitAsync(RingRequest.Read(ClosedFd, buffer, -1)).AsTask());
        ErrnoException vectored = await Assert.ThrowsAsync<ErrnoException>(() => ring.SubmitAsync(RingRequest.WriteV(ClosedFd, new ReadOnlyMemory<byte>[] { buffer }, -1)).AsTask());

        Assert.Equal(("pread", Errno.EBADF), (atOffset.Syscall, atOffset.Errno));
        Assert.Equal(("read", Errno.EBADF), (atPosition.Syscall, atPosition.Errno));
        Assert.Equal(("writev", Errno.EBADF), (vectored.Syscall, vectored.Errno));
    }
}

/// <summary>A slot running an offloaded user call carries no ring operation; the in-flight list must still describe it.</summary>
public sealed class OffloadedCallInFlightTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async System.Threading.Tasks.Task InFlight_lists_a_running_offloaded_call_without_a_file_offset(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend);
        using var started = new System.Threading.ManualResetEventSlim();
        using var release = new System.Threading.ManualResetEventSlim();
        var call = ring.RunBlockingAsync((started, release), static (ref (System.Threading.ManualResetEventSlim Started, System.Threading.ManualResetEventSlim Release) s) =>
        {
            s.Started.Set();
            s.Release.Wait();
            return 0;
        }).AsTask();
        Assert.True(started.Wait(System.TimeSpan.FromSeconds(15)), "the offloaded call never started");

        InFlightOperation listed = Assert.Single(ring.GetInFlightOperations());

        Assert.Equal((RingOp.None, -1L, InFlightState.OnWorker), (listed.Operation, listed.Offset, listed.State));
        release.Set();
        await call.WaitAsync(System.TimeSpan.FromSeconds(15));
    }
}
