using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 6: what docs/reliability.md says about code that waits synchronously for operations on a capped .NET thread
/// pool, checked in a child process (the pool's settings are the whole process's). Every pool thread (the pool capped
/// at them) waits in <c>AsTask().Wait()</c> for a read: on a ring with <see cref="IoRingOptions.InlineContinuations"/>
/// the completion thread finishes the tasks itself, so every wait ends while the pool is still capped; with
/// completions delivered on the pool they end once the cap is raised. And <c>GetAwaiter().GetResult()</c> on the
/// ValueTask itself does not wait: for an operation not finished it throws InvalidOperationException and changes
/// nothing (the operation can still be awaited).
/// </summary>
public sealed class CappedPoolRound6Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Synchronous_waits_on_every_thread_of_a_capped_pool_end_on_an_inline_ring_and_once_the_cap_is_raised_otherwise(IoBackend backend)
    {
        var run = await Child.Run($"r6:capped:{backend}", 90);
        Child.AssertPassed(run, $"capped pool, {backend}");
    }

    private struct PipeByte
    {
        public int Fd;
    }

    private static unsafe long ReadOne(ref PipeByte call)
    {
        byte b;
        return Sys.read(call.Fd, &b, 1) == 1 ? b : -1;
    }

    /// <summary>
    /// Inline continuations on a capped worker pool: every worker is busy in a blocking call whose continuation (run
    /// inline on that worker) submits the next blocking call of its chain and awaits it. Each continuation gives its
    /// worker back when it awaits, so the queued calls get workers and every chain ends with its own bytes.
    /// </summary>
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Inline_continuations_that_submit_blocking_calls_from_every_busy_worker_of_a_capped_pool_all_end(IoBackend backend)
    {
        const int Workers = 2, Chains = 4, Rounds = 8;
        using IoRing ring = Hostile.Create(backend, DeliveryMode.Inline, o =>
        {
            o.MaxWorkerThreads = Workers;
            o.RunShortBlockingCallsOnCaller = false;
        });
        var pipes = Enumerable.Range(0, Chains).Select(_ => new RawPipe()).ToArray();
        try
        {
            var chains = Enumerable.Range(0, Chains).Select(c => Task.Run(async () =>
            {
                var got = new System.Collections.Generic.List<long>();
                for (int r = 0; r < Rounds; r++)
                {
                    // The continuation of this await runs on the worker that ran the call, and submits the next one.
                    BlockingResult<PipeByte> result = await ring.RunBlockingAsync(new PipeByte { Fd = pipes[c].Read }, static (ref PipeByte call) => ReadOne(ref call));
                    got.Add(result.Value);
                }

                return got;
            })).ToArray();

            // Every worker blocked in a read before any byte comes, the other chains queued behind them.
            await Hostile.Until(() => ring.InFlightCount == Chains, $"{Chains} calls in flight; {Hostile.Describe(ring)}");
            for (int r = 0; r < Rounds; r++)
            {
                for (int c = 0; c < Chains; c++)
                {
                    pipes[c].Put((byte)((c * 16) + r + 1));
                }
            }

            for (int c = 0; c < Chains; c++)
            {
                var got = await Hostile.Within(chains[c], ring, $"chain {c}");
                Assert.Equal(Enumerable.Range(1, Rounds).Select(r => (long)((c * 16) + r)), got);
            }

            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }
    }

    internal static int CappedChild(IoBackend backend)
    {
        const int Threads = 4;
        Round5.PreparePool(Threads);
        int capped = ThreadPool.ThreadCount;
        Console.WriteLine($"info: pool capped at {capped} threads");
        foreach (DeliveryMode mode in new[] { DeliveryMode.Inline, DeliveryMode.Pool, DeliveryMode.PoolTryFirst })
        {
            using IoRing ring = Hostile.Create(backend, mode);
            var pipes = Enumerable.Range(0, capped).Select(_ => new RawPipe()).ToArray();
            var results = new int[capped];
            var waiting = new CountdownEvent(capped);
            using var ended = new CountdownEvent(capped);
            for (int i = 0; i < capped; i++)
            {
                int k = i;
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    var buffer = new byte[1];
                    Task<int> read = ring.ReadAsync(pipes[k].Read, buffer).AsTask();
                    waiting.Signal();
                    read.Wait(); // every pool thread blocked here: nothing else can run on the pool
                    results[k] = read.Result == 1 ? buffer[0] : -1;
                    ended.Signal();
                }, null);
            }

            Child.Expect(waiting.Wait(TimeSpan.FromSeconds(20)), $"{backend} {mode}: all {capped} pool threads waiting");
            for (int i = 0; i < capped; i++)
            {
                pipes[i].Put((byte)(i + 1));
            }

            if (mode == DeliveryMode.Inline)
            {
                // The completion thread (ring thread, AIO reaper or worker) runs the continuation that completes the task.
                Child.Expect(ended.Wait(TimeSpan.FromSeconds(20)), $"{backend} {mode}: every wait ended with the pool still capped ({ended.CurrentCount} left)");
            }
            else
            {
                // Completions wait for a pool thread; raising the cap lets the pool add one (no assertion on how long
                // the capped pool stays stuck: only that raising the cap is enough).
                ThreadPool.SetMaxThreads(64, 64);
                Child.Expect(ended.Wait(TimeSpan.FromSeconds(20)), $"{backend} {mode}: every wait ended once the cap was raised ({ended.CurrentCount} left)");
                Round5.PreparePool(Threads);
            }

            Child.Expect(Enumerable.Range(0, capped).All(i => results[i] == i + 1), $"{backend} {mode}: each read got its own byte: {string.Join(",", results)}");

            // GetAwaiter().GetResult() on a pending ValueTask does not wait (ASYS1006): it throws and changes nothing.
            using var idle = new RawPipe();
            var one = new byte[1];
            ValueTask<int> pending = ring.ReadAsync(idle.Read, one);
            string direct;
            try
            {
                direct = "result " + pending.GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                direct = "InvalidOperationException";
            }

            idle.Put(9);
            Task<int> awaited = pending.AsTask();
            int later = awaited.Wait(TimeSpan.FromSeconds(20)) ? awaited.Result : -1;
            Child.Expect(direct == "InvalidOperationException", $"{backend} {mode}: GetAwaiter().GetResult() on a pending ValueTask: {direct}");
            Child.Expect(later == 1 && one[0] == 9 && ring.InFlightCount == 0, $"{backend} {mode}: the operation still ends with its byte after that: {later}, in flight {Hostile.Describe(ring)}");
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }

        Console.WriteLine("DONE");
        return 0;
    }
}
