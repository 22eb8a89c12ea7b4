using System;
using System.Threading;
using System.Threading.Tasks;

// .Result on a ValueTask is what these tests are about.
#pragma warning disable xUnit1031

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// <c>.Result</c> (or <c>GetAwaiter().GetResult()</c>) on a ValueTask whose operation has not finished is a misuse
/// (ASYS1006) that throws InvalidOperationException. It must do nothing else: before the fix the slot (or a blocking
/// call's work item) was given back anyway, while the kernel or a worker still ran the operation, so the operation's
/// completion was lost (counted in flight for ever: a quiesce never drained, a disposal waited its whole timeout), the
/// slot could be handed to a second caller, and the original ValueTask could never be awaited.
/// </summary>
public sealed class ResultBeforeCompletionTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Result_of_a_pending_operation_throws_and_leaves_it_in_flight_and_awaitable(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend, capacity: 1, name: "result-pending-" + backend);
        using var pipe = new Pipe();
        var buffer = new byte[1];
        ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, buffer);

        Assert.Throws<InvalidOperationException>(() => read.Result);
        Assert.Equal(1, ring.InFlightCount);
        Assert.False(ring.Table.TryRent(out _)); // the one slot still belongs to the read

        pipe.Write(new byte[] { 42 });
        Assert.Equal(1, await ReliabilityAssert.WithinResult(read.AsTask(), "the read after .Result threw"));
        Assert.Equal(42, buffer[0]);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Result_of_a_completed_operation_is_its_result_and_gives_the_slot_back()
    {
        // The nearest correct shape: .Result after completion takes the result and frees the slot, once.
        using IoRing ring = Backends.Create(IoBackend.IoUring, capacity: 1, name: "result-done");
        ValueTask<int> nop = ring.SubmitAsync(RingRequest.Nop());
        Assert.True(SpinWait.SpinUntil(() => nop.IsCompleted, TimeSpan.FromSeconds(5)));
        Assert.Equal(0, nop.Result);
        Assert.Equal(0, ring.InFlightCount);
        Assert.Throws<InvalidOperationException>(() => nop.Result); // taken already
        await ring.NopAsync(); // the slot is free again
    }

    [Fact]
    public async Task Result_of_a_pending_blocking_call_throws_and_leaves_the_call_running_and_awaitable()
    {
        using IoRing ring = Backends.Create(IoBackend.Workers, capacity: 4, name: "result-pending-blocking");
        using var release = new ManualResetEventSlim(false);
        ValueTask<BlockingResult<int>> call = ring.RunBlockingAsync(7, (ref int state) =>
        {
            release.Wait();
            return state * 6;
        });

        Assert.Throws<InvalidOperationException>(() => call.Result);
        Assert.Equal(1, ring.InFlightCount);
        release.Set();
        BlockingResult<int> result = await ReliabilityAssert.WithinResult(call.AsTask(), "the blocking call after .Result threw");
        Assert.Equal(42, result.Value);
        Assert.True(SpinWait.SpinUntil(() => ring.InFlightCount == 0, TimeSpan.FromSeconds(5)));
    }
}
