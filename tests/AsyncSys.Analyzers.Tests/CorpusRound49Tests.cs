using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound49/: cases written blind, as an outside tester would, on hand-tuned hot
/// paths (one pinned slab or aligned native region sliced into per-operation views, stackalloc and fixed memory handed to
/// ring requests, a pooled IValueTaskSource around ring reads, Task.WhenAll over batches sharing one buffer, RunOnRingAsync
/// loops that block, [ThreadStatic] buffer caches across awaits; see its README), committed before their first run.
/// First run (rules as they were at fc7c099, nothing relabelled): P 0.682 (15/22) / R 0.882 (15 of 17 marks), every error
/// the rules' but one (a second stack address on a marked line, a mark added after the run). Fixed: slots of one slab held
/// in view locals with constant bounds, an append cursor (three and two false reports), a Task.WhenAll of kept tasks held
/// in a local while the batch goes back to its pool (a miss) (ASYS1005). After: 1.000 / 0.944 (17 of 18; left: a pooled
/// IValueTaskSource's Abandon returning the buffer of a read its static Start began). The floors are the first run,
/// rounded down.
/// </summary>
public sealed class CorpusRound49Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round49Set, minPrecision: 0.68, minRecall: 0.88);
