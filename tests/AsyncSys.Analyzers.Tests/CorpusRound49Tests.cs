using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound49/: cases written blind, as an outside tester would, on hand-tuned hot
/// paths (one pinned slab or aligned native region sliced into per-operation views, stackalloc and fixed memory handed to
/// ring requests, a pooled IValueTaskSource around ring reads, Task.WhenAll over batches sharing one buffer, RunOnRingAsync
/// loops that block, [ThreadStatic] buffer caches across awaits; see its README), committed before their first run.
/// Floors not set yet: the first run decides them.
/// </summary>
public sealed class CorpusRound49Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round49Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
