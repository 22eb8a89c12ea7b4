using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// Runs one case: QD loops, each awaiting one operation at a time, a warm-up, then a timed window over which
/// ops, process CPU, allocated bytes and per-op latency are taken. Nothing in a loop allocates except what the
/// API under test allocates itself.
/// </summary>
/// <remarks>
/// An operation's latency is the time from the previous operation's end in the same loop (or the loop's start) to its
/// own end: one clock read per operation instead of two. The few instructions between two operations of a loop (the
/// next offset, recording) fall into the next operation's latency; a second clock read cost more than that (an awaited
/// Nop on the ring thread spent 16 % of its samples in the loops' two clock_gettime calls, perf).
/// </remarks>
internal static class CaseRunner
{
    /// <summary>How long the loops may take to finish their last operation after the window (a hung op is a failure).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    internal static async Task<CaseResult> RunAsync(CaseResult result, IoStep step, LoopState state, double warmupSeconds, double seconds, IoRing? ring = null)
    {
        // Garbage from setup and from the previous case must not be collected inside this window.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Task[] loops = Start(step, state);
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds)).ConfigureAwait(false);

        using Process process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpuStart = process.TotalProcessorTime;
        TimeSpan systemStart = process.PrivilegedProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        RingCounters? countersStart = ring is null ? null : RingCounters.Read(ring);
        long start = Stopwatch.GetTimestamp();
        if (state.TryAdvance(LoopState.Warmup, LoopState.Measure))
        {
            // Task.Delay allocates a timer (~100 bytes per window): negligible against any op count, and the same for every case.
            await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            state.TryAdvance(LoopState.Measure, LoopState.Cooldown);
        }

        long end = Stopwatch.GetTimestamp();
        RingCounters? countersEnd = ring is null ? null : RingCounters.Read(ring);
        long allocatedEnd = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        TimeSpan cpuEnd = process.TotalProcessorTime;
        TimeSpan systemEnd = process.PrivilegedProcessorTime;
        int threads = ThreadCount();
        state.SetPhase(LoopState.Stop);

        Task all = Task.WhenAll(loops);
        try
        {
            await all.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return result.Failed($"operations still outstanding {DrainTimeout.TotalSeconds:F0} s after the window");
        }
        catch (Exception) when (state.Error is not null)
        {
            // reported below
        }

        if (state.Error is { } error)
        {
            return result.Failed($"{error.GetType().Name}: {error.Message}");
        }

        var histogram = new LatencyHistogram();
        foreach (LatencyHistogram h in state.Histograms)
        {
            histogram.Add(h);
        }

        long ops = state.TotalOps();
        if (countersStart is { } first && countersEnd is { } last)
        {
            result.RingThread = (last - first).Describe(ops);
        }

        double elapsed = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        (int active, long fewest) = state.LoopSpread();
        result.LoopsActive = active;
        result.FewestOpsInALoop = fewest;
        return result.Measured(
            ops,
            elapsed,
            (cpuEnd - cpuStart).TotalSeconds,
            allocatedEnd - allocatedStart,
            histogram.PercentileNanos(50) / 1000,
            histogram.PercentileNanos(99) / 1000,
            threads,
            (systemEnd - systemStart).TotalSeconds);
    }

    private static int ThreadCount()
    {
        using Process process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    private static Task[] Start(IoStep step, LoopState state)
    {
        var loops = new Task[state.Depth];
        for (int i = 0; i < state.Depth; i++)
        {
            int loop = i;
            if (step.Blocking is { } blocking)
            {
                loops[i] = StartThread(blocking, step.CheckLength, state, loop);
            }
            else if (step.Counted is { } counted)
            {
                loops[i] = step.RunLoopsOn is { } runOn
                    ? runOn(() => CountedLoopAsync(counted, step.CheckLength, state, loop, keepContext: true))
                    : Task.Run(() => CountedLoopAsync(counted, step.CheckLength, state, loop, keepContext: false));
            }
            else
            {
                loops[i] = step.RunLoopsOn is { } runOn
                    ? runOn(() => UncountedLoopAsync(step.Uncounted!, state, loop, keepContext: true))
                    : Task.Run(() => UncountedLoopAsync(step.Uncounted!, state, loop, keepContext: false));
            }
        }

        return loops;
    }

    private static async Task CountedLoopAsync(Func<Memory<byte>, long, ValueTask<int>> call, bool checkLength, LoopState state, int loop, bool keepContext)
    {
        Memory<byte> buffer = state.Buffers[loop].Memory;
        LatencyHistogram histogram = state.Histograms[loop];
        var offsets = new LoopState.Offsets(loop);
        try
        {
            int phase;
            long before = Stopwatch.GetTimestamp();
            while ((phase = state.Phase) != LoopState.Stop)
            {
                long offset = offsets.Next(state.Blocks, state.BlockSize);
                int done = await call(buffer, offset).ConfigureAwait(keepContext);
                long after = Stopwatch.GetTimestamp();
                if (checkLength && done != buffer.Length)
                {
                    throw new InvalidOperationException($"short transfer: {done} of {buffer.Length} bytes at offset {offset}");
                }

                Record(state, histogram, loop, phase, after - before);
                before = after; // one clock read per operation: see the class remarks
            }
        }
        catch (Exception ex)
        {
            state.Fail(ex);
        }
    }

    private static async Task UncountedLoopAsync(Func<Memory<byte>, long, ValueTask> call, LoopState state, int loop, bool keepContext)
    {
        Memory<byte> buffer = state.Buffers[loop].Memory;
        LatencyHistogram histogram = state.Histograms[loop];
        var offsets = new LoopState.Offsets(loop);
        try
        {
            int phase;
            long before = Stopwatch.GetTimestamp();
            while ((phase = state.Phase) != LoopState.Stop)
            {
                long offset = offsets.Next(state.Blocks, state.BlockSize);
                await call(buffer, offset).ConfigureAwait(keepContext);
                long after = Stopwatch.GetTimestamp();
                Record(state, histogram, loop, phase, after - before);
                before = after;
            }
        }
        catch (Exception ex)
        {
            state.Fail(ex);
        }
    }

    private static Task StartThread(Func<Memory<byte>, long, int> call, bool checkLength, LoopState state, int loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Memory<byte> buffer = state.Buffers[loop].Memory;
            LatencyHistogram histogram = state.Histograms[loop];
            var offsets = new LoopState.Offsets(loop);
            try
            {
                int phase;
                long before = Stopwatch.GetTimestamp();
                while ((phase = state.Phase) != LoopState.Stop)
                {
                    long offset = offsets.Next(state.Blocks, state.BlockSize);
                    int transferred = call(buffer, offset);
                    long after = Stopwatch.GetTimestamp();
                    if (checkLength && transferred != buffer.Length)
                    {
                        throw new InvalidOperationException($"short transfer: {transferred} of {buffer.Length} bytes at offset {offset}");
                    }

                    Record(state, histogram, loop, phase, after - before);
                    before = after;
                }
            }
            catch (Exception ex)
            {
                state.Fail(ex);
            }
            finally
            {
                done.SetResult();
            }
        })
        {
            IsBackground = true,
            Name = $"bench sync {loop}",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// Counts an operation when it both started and ended inside the window's phase: one issued during the
    /// warm-up is not counted, so the window holds exactly the work done in it (to within QD operations).
    /// </summary>
    private static void Record(LoopState state, LatencyHistogram histogram, int loop, int phaseAtStart, long ticks)
    {
        if (phaseAtStart == LoopState.Measure && state.Phase == LoopState.Measure)
        {
            histogram.RecordTicks(ticks);
            state.CountOne(loop);
        }
    }
}
