using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Running out: more operations than the table and the completion queue hold, and a worker pool full of calls that
/// never return by themselves.
/// </summary>
public sealed class ExhaustionTests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Far_more_operations_than_the_table_and_completion_queue_hold_each_end_once_with_their_own_bytes(IoBackend backend, DeliveryMode mode)
    {
        // Capacity 8 with the smallest completion queue io_uring accepts for it (64 entries).
        using IoRing ring = Hostile.Create(backend, mode, o => o.CompletionQueueEntries = backend == IoBackend.IoUring ? 64 : 0, capacity: 8);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        var pipes = Enumerable.Range(0, 50).Select(_ => new RawPipe()).ToArray();
        using var idle = new RawPipe();
        var ledger = new Ledger();
        int perPipe = 4;

        for (int i = 0; i < pipes.Length; i++)
        {
            pipes[i].Put(Enumerable.Range(0, perPipe).Select(k => (byte)((i * perPipe) + k + 1)).ToArray());
        }

        var got = new byte[pipes.Length][];
        await Hostile.Run(ring, mode, async () =>
        {
            var ops = new List<Task>();
            for (int i = 0; i < pipes.Length; i++)
            {
                int pipe = i;
                got[pipe] = new byte[perPipe];
                for (int k = 0; k < perPipe; k++)
                {
                    int slot = k;
                    ops.Add(ledger.Track(() => ring.ReadAsync(pipes[pipe].Read, got[pipe].AsMemory(slot, 1)), "read"));
                }

                ops.Add(ledger.Track(() => ring.NopAsync(), "nop"));
                ops.Add(ledger.Track(() => ring.SubmitAsync(RingRequest.Poll(idle.Read, PollEvents.In).WithTimeout(TimeSpan.FromMilliseconds(1))), "poll with a deadline"));
                if (i % 10 == 0)
                {
                    ring.CancelAll();
                }
            }

            await Task.WhenAll(ops);
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);

        // Bytes are 1..200, so 0 is a slot no read filled. Reads a CancelAll ended took nothing; every byte is either in a buffer of its own pipe or still in that pipe.
        for (int i = 0; i < pipes.Length; i++)
        {
            byte[] left = Sys.Take(pipes[i].Read, 64);
            byte[] read = got[i].Where(b => b != 0).ToArray();
            var all = read.Concat(left).OrderBy(b => b).ToArray();
            Assert.Equal(Enumerable.Range(0, perPipe).Select(k => (byte)((i * perPipe) + k + 1)).ToArray(), all);
            pipes[i].Dispose();
        }
    }

    private static unsafe long BlockingRead(ref int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_worker_pool_saturated_by_calls_that_never_return_ends_each_once_on_cancel_and_on_Dispose(IoBackend backend, DeliveryMode mode)
    {
        using var file = new TempFile(4096);
        for (int phase = 0; phase < 2; phase++)
        {
            IoRing ring = Hostile.Create(backend, mode, o =>
            {
                o.MaxWorkerThreads = 4;
                o.RunShortBlockingCallsOnCaller = false;
            });
            using var handle = file.Open();
            var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
            var ledger = new Ledger();
            using var cts = new CancellationTokenSource();

            await Hostile.Run(ring, mode, async () =>
            {
                // Twice as many calls as workers, each blocked in read(2) on a pipe nobody writes.
                Task<(Ending Ending, int, Exception?)>[] calls = pipes.Select(p => ledger.Track(
                    async () => (int)(await ring.RunBlockingAsync(p.Read, BlockingRead, static call => call.InterruptWorker(), cts.Token)).ThrowIfFailed("read"),
                    "blocked read")).ToArray();
                await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.State == InFlightState.OnWorker) >= 4, "the workers are all busy");

                // Work queued behind them on a worker-only ring waits; elsewhere it runs.
                Task<(Ending Ending, int, Exception?)> fsync = ledger.Track(() => ring.FsyncAsync(handle), "fsync");
                if (phase == 0)
                {
                    await Task.Run(cts.Cancel);
                    await Task.WhenAll(calls);
                    Assert.All(calls, c => Assert.Equal(Ending.Cancelled, c.Result.Ending));
                    Assert.Equal(Ending.Result, (await fsync).Ending);
                    ring.Dispose();
                }
                else
                {
                    await Task.Run(ring.Dispose);
                    await Task.WhenAll(calls.Append(fsync));
                    Assert.All(calls, c => Assert.True(c.Result.Ending is Ending.Disposed or Ending.Cancelled, $"{c.Result.Ending}"));
                }
            });

            ledger.AssertEachEndedOnce();
            Assert.Empty(ring.Abandoned);
            Assert.Equal(0, ring.InFlightCount);
            foreach (RawPipe p in pipes)
            {
                p.Put(1);
                Assert.Equal(1, p.Pending);
                p.Dispose();
            }
        }
    }
}
