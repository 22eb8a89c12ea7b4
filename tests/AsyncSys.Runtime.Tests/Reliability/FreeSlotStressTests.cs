using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// The operation table hands out and takes back slots without a lock; callers that find none free wait in line under
/// one. Many more callers than slots, callers giving up while they wait, and a quiesce in the middle: every call must
/// end exactly once with its own state (a slot held by two callers at once would mix them), nobody may be left waiting
/// while a slot is free, and afterwards every slot is free again.
/// </summary>
public sealed class FreeSlotStressTests
{
    private static readonly TimeSpan Duration = Environment.GetEnvironmentVariable("ASYNCSYS_CHAOS_LONG") == "1"
        ? TimeSpan.FromSeconds(30)
        : TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.Workers)]
    public async Task Many_more_callers_than_slots_each_end_once_with_their_own_state_and_all_slots_come_back(IoBackend backend)
    {
        const int capacity = 4;
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = capacity, Name = "free-slots-" + backend });
        long completed = 0, cancelled = 0, mixed = 0;
        using var stop = new CancellationTokenSource(Duration);

        async Task Loop(int loop)
        {
            var random = new Random(loop);
            for (long n = 0; !stop.IsCancellationRequested; n++)
            {
                long expected = ((long)loop << 32) | n;
                using var giveUp = random.Next(8) == 0 ? new CancellationTokenSource(TimeSpan.FromTicks(random.Next(1, 2000))) : null;
                try
                {
                    if (random.Next(2) == 0)
                    {
                        BlockingResult<long> result = await ring.RunBlockingAsync(expected, static (ref long state) => state, cancellationToken: giveUp?.Token ?? default);
                        if (result.State != expected || result.Value != expected)
                        {
                            Interlocked.Increment(ref mixed);
                        }
                    }
                    else
                    {
                        await ring.NopAsync(giveUp?.Token ?? default);
                    }

                    Interlocked.Increment(ref completed);
                }
                catch (OperationCanceledException) when (giveUp is not null)
                {
                    Interlocked.Increment(ref cancelled);
                }
            }
        }

        Task[] loops = Enumerable.Range(0, 48).Select(i => Task.Run(() => Loop(i))).ToArray();
        await Task.Delay(Duration / 2);
        QuiesceResult quiesced = await ring.QuiesceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, ring.InFlightCount);
        quiesced.Dispose(); // reopens admission: the callers held back meanwhile go on

        // The loops stop on their own when the time is up; from then on they must all end promptly.
        await Task.Delay(Duration / 2 + TimeSpan.FromMilliseconds(100));
        await ReliabilityAssert.Within(Task.WhenAll(loops), "48 loops sharing 4 slots");
        Assert.Equal(0, Interlocked.Read(ref mixed));
        Assert.True(completed > 1000, $"only {completed} calls completed ({cancelled} gave up)");
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, ring.Table.WaitingCount);

        // Every slot is free again, once each.
        var rented = new List<Operation>();
        while (ring.Table.TryRent(out Operation operation))
        {
            rented.Add(operation);
        }

        Assert.Equal(capacity, rented.Count);
        Assert.Equal(capacity, rented.Select(o => o.Index).Distinct().Count());
        foreach (Operation operation in rented)
        {
            ring.Table.Unadmit(operation);
        }
    }
}
