using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 7, the managed side under attack: the process. In child processes (the settings are the whole process's):
/// the server garbage collector with a small hard heap limit (DOTNET_gcServer=1, DOTNET_GCHeapHardLimit=96 MiB) while
/// another thread keeps the heap near its limit and compacts; and a thread pool starved by the test (capped at its
/// started threads, every one of them blocked by unrelated work) while completions would need a pool thread:
/// docs/reliability.md says an inline ring completes without the pool and pool delivery resumes once the pool has a
/// thread; <c>Dispose</c> (docs/cancellation.md: it waits for each operation's own completion, the kernel's answer)
/// must not need a pool thread to return, and abandons nothing.
/// </summary>
public sealed class ProcessLevelRound7Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Under_the_server_collector_and_a_small_hard_heap_limit_every_operation_keeps_its_bytes(IoBackend backend)
    {
        var run = await Child.Run($"r7:gc:{backend}", 150, ("DOTNET_gcServer", "1"), ("DOTNET_GCHeapHardLimit", "0x6000000"));
        Child.AssertPassed(run, $"server GC, 96 MiB hard limit, {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task With_every_pool_thread_blocked_Dispose_returns_without_abandoning_and_every_read_ends_once_the_pool_is_free(IoBackend backend)
    {
        var run = await Child.Run($"r7:starved:{backend}", 150);
        Child.AssertPassed(run, $"starved pool, {backend}");
    }

    internal static int GcChild(IoBackend backend)
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo();
        Child.Expect(GCSettings.IsServerGC, $"server GC on ({GCSettings.IsServerGC}); heap limit {info.TotalAvailableMemoryBytes >> 20} MiB");
        using var stop = new CancellationTokenSource();
        int outOfMemory = 0, collections = 0;

        // Keeps about 40 MiB alive in 1 MiB and 16 KiB pieces, replacing them, with compacting collections in between.
        var pressure = new Thread(() =>
        {
            var live = new Queue<byte[]>();
            var random = new Random(11);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    live.Enqueue(new byte[random.Next(2) == 0 ? 1 << 20 : 16 << 10]);
                    while (live.Sum(a => (long)a.Length) > 40L << 20)
                    {
                        live.Dequeue();
                    }

                    if (random.Next(16) == 0)
                    {
                        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        Interlocked.Increment(ref collections);
                    }
                }
                catch (OutOfMemoryException)
                {
                    // The test's own allocations near the limit; not AsyncSys's.
                    Interlocked.Increment(ref outOfMemory);
                    live.Clear();
                }
            }
        }) { IsBackground = true, Name = "pressure" };
        pressure.Start();
        try
        {
            foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
            {
                using IoRing ring = Hostile.Create(backend, mode);
                string path = Path.Combine(Path.GetTempPath(), $"hostile7-gc-{Guid.NewGuid():N}");
                using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
                var problems = new List<string>();
                Func<Task> scenario = async () =>
                {
                    for (int round = 0; round < 12; round++)
                    {
                        // 32 writes at once from LOH arrays and slices of small ones, then read back into rentals.
                        var sources = Enumerable.Range(0, 32).Select(i =>
                        {
                            byte[] holder = new byte[i % 2 == 0 ? 100_000 : 9000];
                            for (int k = 0; k < 8192; k++)
                            {
                                holder[k + 100] = (byte)((round * 7) + (i * 3) + k);
                            }

                            return holder;
                        }).ToArray();
                        var writes = sources.Select((s, i) => ring.WriteAtMostAsync(handle, s.AsMemory(100, 8192), i * 8192L).AsTask()).ToArray();
                        foreach ((Task<int> w, int i) in writes.Select((w, i) => (w, i)))
                        {
                            int n = await w;
                            if (n != 8192)
                            {
                                problems.Add($"round {round}: write {i} wrote {n}");
                            }
                        }

                        var rentals = Enumerable.Range(0, 32).Select(_ => ArrayPool<byte>.Shared.Rent(8192 + 64)).ToArray();
                        var reads = rentals.Select((r, i) => ring.ReadAsync(handle, r.AsMemory(64, 8192), i * 8192L).AsTask()).ToArray();
                        for (int i = 0; i < reads.Length; i++)
                        {
                            int n = await reads[i];
                            if (n != 8192 || !rentals[i].AsSpan(64, 8192).SequenceEqual(sources[i].AsSpan(100, 8192)))
                            {
                                problems.Add($"round {round}: read back {i} returned {n} with other bytes");
                            }

                            ArrayPool<byte>.Shared.Return(rentals[i]);
                        }

                        // Pipe reads that wait into slices of LOH arrays while the heap churns.
                        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
                        var targets = Enumerable.Range(0, 8).Select(_ => new byte[120_000]).ToArray();
                        var pipeReads = pipes.Select((p, i) => ring.ReadAsync(p.Read, targets[i].AsMemory(100_000, 64)).AsTask()).ToArray();
                        await Hostile.UntilPending(ring, 8);
                        for (int i = 0; i < 8; i++)
                        {
                            pipes[i].Put((byte)(i + 1), (byte)(round + 1));
                        }

                        for (int i = 0; i < 8; i++)
                        {
                            int n = await pipeReads[i];
                            if (n < 1 || targets[i][100_000] != i + 1)
                            {
                                problems.Add($"round {round}: pipe read {i} returned {n}, byte {targets[i][100_000]}");
                            }

                            pipes[i].Dispose();
                        }
                    }
                };

                Task work = mode == DeliveryMode.RingContext ? ring.RunOnRingAsync(scenario) : Task.Run(scenario);
                string outcome = work.Wait(TimeSpan.FromSeconds(25)) ? "ended" : "hung: " + Hostile.Describe(ring);
                Child.Expect(outcome == "ended" && problems.Count == 0, $"{backend} {mode}: {outcome}; {problems.Count} problem(s) {string.Join("; ", problems.Take(4))}");
                Child.Expect(ring.InFlightCount == 0, $"{backend} {mode}: nothing in flight ({ring.InFlightCount})");
            }
        }
        finally
        {
            stop.Cancel();
            pressure.Join();
        }

        Console.WriteLine($"info: {collections} forced compacting collections, {outOfMemory} OutOfMemoryException(s) in the pressure thread, {GC.CollectionCount(2)} gen2 collections");
        Console.WriteLine("DONE");
        return 0;
    }

    internal static int StarvedChild(IoBackend backend)
    {
        const int Threads = 4, Reads = 8, Fed = 4;
        Round5.PreparePool(Threads);
        int capped = ThreadPool.ThreadCount;
        Console.WriteLine($"info: pool capped at {capped} threads");
        var longContinuations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var trace = new LongContinuationListener(longContinuations);
        foreach (DeliveryMode mode in new[] { DeliveryMode.Inline, DeliveryMode.Pool, DeliveryMode.PoolTryFirst })
        {
            IoRing ring = Hostile.Create(backend, mode, o => o.DisposeTimeout = TimeSpan.FromSeconds(30));
            var pipes = Enumerable.Range(0, Reads).Select(_ => new RawPipe()).ToArray();
            var buffers = Enumerable.Range(0, Reads).Select(_ => new byte[4]).ToArray();

            // Started from this (non-pool) thread; their continuations go where the ring delivers.
            var reads = Enumerable.Range(0, Reads).Select(i => ReadOne(ring, pipes[i].Read, buffers[i])).ToArray();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnRing or InFlightState.OnWorker) < Reads && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(1);
            }

            Child.Expect(clock.Elapsed < TimeSpan.FromSeconds(20), $"{backend} {mode}: {Reads} reads with the backend: {Hostile.Describe(ring)}");

            // Every pool thread blocked by work that has nothing to do with AsyncSys.
            using var release = new ManualResetEventSlim();
            using var blockedCount = new CountdownEvent(capped);
            for (int i = 0; i < capped; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    blockedCount.Signal();
                    release.Wait();
                }, null);
            }

            Child.Expect(blockedCount.Wait(TimeSpan.FromSeconds(20)), $"{backend} {mode}: all {capped} pool threads blocked");
            for (int i = 0; i < Fed; i++)
            {
                pipes[i].Put((byte)(i + 1));
            }

            if (mode == DeliveryMode.Inline)
            {
                // No pool thread needed: the completion thread runs the continuations, except while the watchdog has
                // them on the pool (docs/backends.md: after code on the io_uring ring thread or the AIO completion
                // thread ran past 1 ms, event 8); those wait for a pool thread like any pool delivery.
                bool ended = Task.WaitAll(reads.Take(Fed).ToArray(), TimeSpan.FromSeconds(20));
                int trips = longContinuations.Count(name => name == ring.Name);
                Child.Expect(ended || (trips > 0 && backend != IoBackend.Workers), $"{backend} {mode}: the fed reads ended with the pool blocked ({ended}), or the watchdog had tripped ({trips} LongContinuation event(s))");
            }

            // Dispose with the pool blocked: it must not need a pool thread, and abandons nothing.
            ring.Dispose();
            Child.Expect(ring.Abandoned.Count == 0, $"{backend} {mode}: Dispose with the pool blocked abandoned {ring.Abandoned.Count}");
            release.Set();

            for (int i = 0; i < Reads; i++)
            {
                string outcome = Child.Outcome(reads[i]);
                bool ok = i < Fed
                    ? (outcome == "result 1" && buffers[i][0] == i + 1) || (outcome == "disposed" && pipes[i].Pending == 1)
                    : outcome == "disposed";
                Child.Expect(ok, $"{backend} {mode}: read {i} ({(i < Fed ? "fed" : "idle")}): {outcome}, pending {pipes[i].Pending}");
            }

            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }

        Console.WriteLine("DONE");
        return 0;
    }

    /// <summary>Collects the ring name of every AsyncSys LongContinuation event (id 8).</summary>
    private sealed class LongContinuationListener : System.Diagnostics.Tracing.EventListener
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string>? _rings;

        public LongContinuationListener(System.Collections.Concurrent.ConcurrentQueue<string> rings)
        {
            _rings = rings;
            foreach (System.Diagnostics.Tracing.EventSource source in System.Diagnostics.Tracing.EventSource.GetSources())
            {
                OnEventSourceCreated(source);
            }
        }

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "AsyncSys" && _rings != null)
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventId == 8 && e.Payload is { Count: > 0 } payload && payload[0] is string ring)
            {
                _rings?.Enqueue(ring);
                Console.WriteLine($"info: LongContinuation {string.Join(", ", payload)}");
            }
        }
    }

    private static async Task<int> ReadOne(IoRing ring, int fd, byte[] buffer) => await ring.ReadAsync(fd, buffer);
}
