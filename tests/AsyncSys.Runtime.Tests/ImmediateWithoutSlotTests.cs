using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The attempt without a slot (IoRing.TryCompleteWithoutSlot): a single-buffer read, write, recv or send that
/// completes at once takes no operation slot, yet a quiesce still waits for it and none starts while admission is
/// closed. ImmediateAttemptTests cover results, errno and metrics of the attempt itself.
/// </summary>
public sealed class ImmediateWithoutSlotTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_page_cached_read_completes_at_once_while_every_slot_is_taken(IoBackend backend)
    {
        using var file = new TempFile(16 * 1024);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var pair = new LoopbackPair();
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 1, Name = "without-slot-" + backend });
        using var stop = new CancellationTokenSource();

        // The only slot: a receive on a socket nobody writes to.
        var idleBuffer = new byte[16];
        Task<int> idle = ring.ReceiveAsync(pair.Server.SafeHandle, idleBuffer, 0, stop.Token).AsTask();
        Assert.False(idle.IsCompleted);
        Assert.Equal(1, ring.InFlightCount);
        long admitted = ring.Table.AdmittedTotal;

        var buffer = new byte[4096];
        ValueTask<int> read = ring.ReadAsync(handle, buffer, 4096);
        Assert.True(read.IsCompletedSuccessfully, "a page-cache hit needs no slot, so a full table does not hold it back");
        Assert.Equal(4096, await read);
        Assert.Equal(file.Content.AsSpan(4096, 4096).ToArray(), buffer);
        Assert.Equal(admitted + 1, ring.Table.AdmittedTotal);
        Assert.Equal(1, ring.InFlightCount);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => idle.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task While_quiesced_a_page_cached_read_fails_fast_and_reads_nothing()
    {
        using var file = new TempFile(8192);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using IoRing ring = IoRing.Create(new IoRingOptions { Name = "without-slot-failfast", WhileQuiesced = QuiescedSubmissions.FailFast });
        var buffer = new byte[4096];
        Assert.Equal(4096, await ring.ReadAsync(handle, buffer, 0)); // the descriptor is known and hits

        Array.Clear(buffer);
        using (QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.True(quiesce.Drained);
            long admitted = ring.Table.AdmittedTotal;
            Assert.Throws<IoRingQuiescedException>(() => ring.ReadAsync(handle, buffer, 0));
            Assert.All(buffer, b => Assert.Equal(0, b));
            Assert.Equal(admitted, ring.Table.AdmittedTotal);
            Assert.Equal(0, ring.Table.RunningWithoutSlot);
        }

        Assert.Equal(4096, await ring.ReadAsync(handle, buffer, 0));
        Assert.Equal(file.Content.AsSpan(0, 4096).ToArray(), buffer);
    }

    [Fact]
    public async Task While_quiesced_a_page_cached_read_waits_in_line_and_runs_after_reopening()
    {
        using var file = new TempFile(8192);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using IoRing ring = IoRing.Create(new IoRingOptions { Name = "without-slot-wait" });
        var buffer = new byte[4096];
        Assert.Equal(4096, await ring.ReadAsync(handle, buffer, 4096));

        Array.Clear(buffer);
        Task<int> read;
        using (QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.True(quiesce.Drained);
            read = ring.ReadAsync(handle, buffer, 4096).AsTask();
            await Task.Delay(100);
            Assert.False(read.IsCompleted, "no operation runs while admission is closed");
            Assert.All(buffer, b => Assert.Equal(0, b));
        }

        Assert.Equal(4096, await read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(file.Content.AsSpan(4096, 4096).ToArray(), buffer);
    }

    [Fact]
    public async Task A_quiesce_waits_for_an_attempt_already_running_and_none_starts_after_it_closed()
    {
        using IoRing ring = IoRing.Create(new IoRingOptions { Name = "without-slot-drain" });

        // An attempt that has counted itself and is in its syscall (held here by the test).
        Assert.True(ring.Table.TryEnterWithoutSlot());
        Task<QuiesceResult> quiesce = ring.QuiesceAsync(TimeSpan.FromSeconds(10)).AsTask();
        await Task.Delay(100);
        Assert.False(quiesce.IsCompleted, "the quiesce must wait for the running attempt");
        Assert.Equal(0, ring.InFlightCount); // it holds no slot, so the public count never showed it

        // Admission is closed: a new attempt is refused and leaves no trace.
        Assert.False(ring.Table.TryEnterWithoutSlot());
        Assert.Equal(1, ring.Table.RunningWithoutSlot);

        ring.Table.LeaveWithoutSlot(completed: true);
        using QuiesceResult result = await quiesce.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.Drained);
        Assert.Empty(result.StillInFlight);
    }

    [Fact]
    public async Task Writes_without_a_slot_land_in_order_and_each_is_counted_once()
    {
        using var file = new TempFile(0);
        using SafeFileHandle handle = file.Open();
        using IoRing ring = IoRing.Create(new IoRingOptions { Name = "without-slot-writes", Capacity = 1 });
        long admitted = ring.Table.AdmittedTotal;
        byte[][] blocks = Enumerable.Range(0, 64).Select(i => Enumerable.Repeat((byte)i, 512).ToArray()).ToArray();

        for (int i = 0; i < blocks.Length; i++)
        {
            Assert.Equal(512, await ring.WriteAtMostAsync(handle, blocks[i], i * 512L));
        }

        Assert.Equal(admitted + blocks.Length, ring.Table.AdmittedTotal);
        Assert.Equal(blocks.SelectMany(b => b).ToArray(), File.ReadAllBytes(file.Path));
        Assert.Equal(0, ring.InFlightCount);
    }
}
