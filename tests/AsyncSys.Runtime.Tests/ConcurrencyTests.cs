using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>Many submitters, random cancellation, saturation: every operation completes exactly once and no slot leaks.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Many_threads_with_random_cancellation_complete_every_operation_exactly_once(IoBackend backend)
    {
        using var ring = Backends.Create(backend, capacity: 128);
        using var file = new TempFile(1 << 16);
        using var handle = file.Open(System.IO.FileAccess.Read);
        using var pipe = new Pipe(); // never written: polls on it only end by cancellation
        const int Threads = 8;
        const int PerThread = 300;
        int submitted = 0, succeeded = 0, cancelled = 0, failed = 0;

        Task[] workers = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            var buffer = new byte[512];
            for (int i = 0; i < PerThread; i++)
            {
                using var cts = new CancellationTokenSource();
                int kind = random.Next(3);
                Interlocked.Increment(ref submitted);
                Task pending = kind switch
                {
                    0 => ring.ReadAsync(handle, buffer, random.Next(0, 60000), cts.Token).AsTask(),
                    1 => ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token).AsTask(),
                    _ => ring.NopAsync(cts.Token).AsTask(),
                };
                if (kind == 1 || random.Next(4) == 0)
                {
                    if (random.Next(2) == 0)
                    {
                        await Task.Yield();
                    }

                    cts.Cancel();
                }

                try
                {
                    await pending;
                    Interlocked.Increment(ref succeeded);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(Threads * PerThread, submitted);
        Assert.Equal(submitted, succeeded + cancelled);
        Assert.Equal(0, failed);
        Assert.True(cancelled >= Threads * PerThread / 4, $"only {cancelled} cancelled");
        Assert.Equal(0, ring.InFlightCount);
        AssertAllSlotsFree(ring);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Ten_times_capacity_submitted_at_once_all_complete(IoBackend backend)
    {
        using var ring = Backends.Create(backend, capacity: 32);
        using var file = new TempFile(1 << 16);
        using var handle = file.Open(System.IO.FileAccess.Read);

        var tasks = new List<Task<int>>();
        var buffers = new List<byte[]>();
        for (int i = 0; i < 320; i++)
        {
            var buffer = new byte[100];
            buffers.Add(buffer);
            tasks.Add(ring.ReadAsync(handle, buffer, i * 100).AsTask());
        }

        int[] results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(100, r));
        for (int i = 0; i < 320; i++)
        {
            Assert.Equal(file.Content.AsSpan(i * 100, 100).ToArray(), buffers[i]);
        }

        AssertAllSlotsFree(ring);
    }

    [Fact]
    public async Task Waiting_for_a_slot_can_be_cancelled_and_gives_no_slot_away()
    {
        using var ring = IoRing.Create(new IoRingOptions { Capacity = 2 });
        using var pipe = new Pipe();
        ValueTask<PollEvents> first = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        ValueTask<PollEvents> second = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        using var cts = new CancellationTokenSource();

        ValueTask<PollEvents> third = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token);
        Assert.False(third.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await third);
        pipe.Write(new byte[] { 1 });
        await first;
        await second;

        AssertAllSlotsFree(ring);
    }

    internal static void AssertAllSlotsFree(IoRing ring)
    {
        for (int i = 0; i < ring.Capacity; i++)
        {
            Assert.Equal(Operations.OperationPhase.Free, ring.Table[i].Phase);
        }
    }
}
