using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// A slot's generation is 31 bits and wraps. Slot 0 is on top of the free stack, so with few operations in flight
/// nearly every operation takes it, and its generation wraps after 2^31 of them (about half an hour at a million
/// operations a second). The wrap must never produce the id 0: 0 means "no occupant" to the prepared-id seqlock
/// (CancelByFd/ByTag), to the deferred token registration and to the one-cancel-per-occupant record, so an operation
/// with id 0 could not be cancelled at all. The generation is moved to the end of its range here instead of renting
/// the slot 2^31 times.
/// </summary>
public sealed class GenerationWrapTests
{
    private const int LastGeneration = 0x7FFFFFFF;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_occupant_after_the_last_generation_can_be_cancelled_by_its_token(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend, capacity: 1, name: "generation-wrap-token-" + backend);
        using var pipe = new Pipe();
        SetGeneration(ring.Table[0], LastGeneration);

        using var cancel = new CancellationTokenSource();
        ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, new byte[1], cancel.Token);
        await Task.Delay(20); // on the ring: the token is registered by now, wherever the backend registers it
        cancel.Cancel();

        await ReliabilityAssert.Within(Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask()), "a read cancelled by its token");
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_occupant_after_the_last_generation_is_found_by_CancelByFd(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend, capacity: 1, name: "generation-wrap-fd-" + backend);
        using var pipe = new Pipe();
        SetGeneration(ring.Table[0], LastGeneration);

        ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, new byte[1]);
        Assert.Equal(1, ring.CancelByFd(pipe.ReadFd));

        await ReliabilityAssert.Within(Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask()), "a read cancelled by CancelByFd");
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public void Generations_wrap_past_zero_and_ids_stay_distinct_from_no_occupant()
    {
        // The nearest shape that must stay as it was: an ordinary rent bumps the generation by one.
        using IoRing ring = Backends.Create(IoBackend.Workers, capacity: 1, name: "generation-wrap-ids");
        Operation slot = ring.Table[0];
        SetGeneration(slot, 41);
        Assert.True(ring.Table.TryRent(out Operation rented));
        Assert.Equal(42, rented.Generation);
        ring.Table.Unadmit(rented);

        SetGeneration(slot, LastGeneration);
        Assert.True(ring.Table.TryRent(out rented));
        Assert.NotEqual(0UL, rented.Id);
        Assert.Equal(1, rented.Generation); // 0 is skipped: it would make slot 0's id 0
        ring.Table.Unadmit(rented);
    }

    /// <summary>Stands in for renting the slot that many times: the generation is the high part of one private word.</summary>
    private static void SetGeneration(Operation slot, int generation)
    {
        FieldInfo word = typeof(Operation).GetField("_generationAndCancel", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Operation._generationAndCancel is gone: update this test");
        Assert.Equal(OperationPhase.Free, slot.Phase);
        word.SetValue(slot, (long)generation << 8);
    }
}
