using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound53/: cases written blind, as an outside tester would, on game servers and
/// real-time loops (PeriodicTimer ticks, per-tick arenas, packet pools, span serializers, a single-threaded
/// SynchronizationContext pump; see its README), committed before their first run. First run: not yet made.
/// </summary>
public sealed class CorpusRound53Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round53Set, minPrecision: 0.69, minRecall: 0.69, rulesAtZero: ["ASYS1004"]);
