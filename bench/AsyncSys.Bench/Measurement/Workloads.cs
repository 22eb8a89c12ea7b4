using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Bench.Cli;
using AsyncSys.Bench.Fio;
using AsyncSys.Bench.Report;
using AsyncSys.Bench.Results;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Bench.Measurement;

/// <summary>randread / randwrite on a file, and nop on the ring: one <see cref="RunResult"/> per queue depth.</summary>
internal static class Workloads
{
    internal static async Task<List<RunResult>> FileAsync(BenchOptions options, bool write)
    {
        string workload = write ? "randwrite" : "randread";
        int blockSize = (int)options.BlockSize;
        long blocks = options.FileSize / blockSize;
        var runs = new List<RunResult>();

        // The caller has made sure the file exists (and deletes it afterwards if it created it).
        bool pageCached = !options.Direct;
        if (pageCached)
        {
            if (TestFile.MemoryAvailable() is { } available && available < options.FileSize * 1.2)
            {
                Console.WriteLine($"Warning: {options.FileSize >> 20} MiB may not stay in the page cache ({available >> 20} MiB available).");
            }

            using SafeFileHandle warm = TestFile.Open(options.FilePath, direct: false);
            TestFile.PreRead(warm, options.FileSize);
        }

        using SafeFileHandle file = TestFile.Open(options.FilePath, options.Direct);
        foreach (int depth in options.QueueDepths)
        {
            var run = new RunResult
            {
                Workload = workload,
                BlockSize = blockSize,
                QueueDepth = depth,
                Direct = options.Direct,
                PageCached = pageCached,
                FileSize = options.FileSize,
                File = options.FilePath,
                FileSystem = MachineFacts.FileSystemOf(options.FilePath),
                Seconds = options.Seconds,
                WarmupSeconds = options.Warmup,
                Baseline = CaseNames.Id(CaseKind.RandomAccess),
            };
            Console.WriteLine($"{workload} bs={SizeParser.Format(blockSize)} qd={depth} {(options.Direct ? "O_DIRECT" : "page-cached")} {options.Seconds:0.#} s per case (+{options.Warmup:0.#} s warm-up)");

            AlignedBuffer[] buffers = Enumerable.Range(0, depth).Select(_ => new AlignedBuffer(blockSize)).ToArray();
            try
            {
                foreach (CaseKind kind in options.Cases)
                {
                    var result = new CaseResult { Id = CaseNames.Id(kind), Title = CaseNames.Title(kind, write) };
                    using CaseFactory.Prepared prepared = CaseFactory.ForFile(kind, file, write, depth, options.Variant);
                    run.Cases.Add(await RunCaseAsync(result, prepared, new LoopState(depth, blockSize, blocks, buffers), options).ConfigureAwait(false));
                }
            }
            finally
            {
                // Safe: every case awaited all its operations before returning.
                foreach (AlignedBuffer buffer in buffers)
                {
                    ((IDisposable)buffer).Dispose();
                }
            }

            if (options.NoFio)
            {
                run.FioStatus = "skipped (--no-fio)";
            }
            else
            {
                FioRunner.Run(run, options.Warmup, Console.Write);
            }

            RatioCalculator.Fill(run);
            runs.Add(run);
        }

        return runs;
    }

    internal static async Task<List<RunResult>> NopAsync(BenchOptions options)
    {
        IReadOnlyList<int> depths = options.QueueDepthGiven ? options.QueueDepths : new[] { 1, 64 };
        CaseKind[] kinds = options.Cases.Where(k => k is not CaseKind.RandomAccess and not CaseKind.Sync and not CaseKind.IoUringRingOnly).ToArray();
        if (kinds.Length == 0)
        {
            kinds = new[] { CaseKind.IoUring };
        }

        if (kinds.Contains(CaseKind.IoUringInline))
        {
            // The inline ring again with every AsyncSys instrument listened to: the cost of metrics.
            kinds = kinds.Append(CaseKind.IoUringMetered).ToArray();
        }

        var runs = new List<RunResult>();
        foreach (int depth in depths)
        {
            var run = new RunResult { Workload = "nop", QueueDepth = depth, Seconds = options.Seconds, WarmupSeconds = options.Warmup, FioStatus = "not applicable" };
            Console.WriteLine($"nop qd={depth} {options.Seconds:0.#} s per case (+{options.Warmup:0.#} s warm-up)");

            // NopAsync takes no buffer; the loops still get one each so they share the file loops' code.
            AlignedBuffer[] buffers = Enumerable.Range(0, depth).Select(_ => new AlignedBuffer(AlignedBuffer.Alignment)).ToArray();
            try
            {
                foreach (CaseKind kind in kinds)
                {
                    var result = new CaseResult { Id = CaseNames.Id(kind), Title = CaseNames.Title(kind, write: false).Replace("IoRing", "IoRing.NopAsync", StringComparison.Ordinal) };
                    using CaseFactory.Prepared prepared = CaseFactory.ForNop(kind, depth, options.Variant);
                    run.Cases.Add(await RunCaseAsync(result, prepared, new LoopState(depth, AlignedBuffer.Alignment, 1, buffers), options).ConfigureAwait(false));
                }
            }
            finally
            {
                foreach (AlignedBuffer buffer in buffers)
                {
                    ((IDisposable)buffer).Dispose();
                }
            }

            RatioCalculator.Fill(run);
            runs.Add(run);
        }

        return runs;
    }

    private static async Task<CaseResult> RunCaseAsync(CaseResult result, CaseFactory.Prepared prepared, LoopState state, BenchOptions options)
    {
        Console.Write($"  {result.Title,-34} ");
        if (prepared.UnavailableReason is { } reason)
        {
            result.Unavailable(reason);
        }
        else
        {
            result.Backend = prepared.Ring?.BackendDescription;
            await CaseRunner.RunAsync(result, prepared.Step!, state, options.Warmup, options.Seconds, prepared.Ring).ConfigureAwait(false);
        }

        Console.WriteLine(ConsoleTable.Summary(result));
        if (result.RingThread is { } ringThread)
        {
            Console.WriteLine($"  {"",-34} {ringThread}");
        }
        return result;
    }
}
