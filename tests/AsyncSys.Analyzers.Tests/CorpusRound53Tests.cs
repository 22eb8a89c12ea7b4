using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound53/: cases written blind, as an outside tester would, on game servers and
/// real-time loops (PeriodicTimer ticks, per-tick arenas, packet pools, span serializers, a single-threaded
/// SynchronizationContext pump; see its README), committed before their first run. First run (rules as they were at
/// 8ce5686, 13 marks): P 0.692 (9/13) / R 0.692 (9 of 13), misses and reports the rules' (errno and [ThreadStatic] state
/// read in a SynchronizationContext.Post lambda, a null-checked await of the last tick's send, a copied frame number, a
/// packet pool's Return through a list) and the labels' (the SendMsg mark's place, an unmarked finally return). After:
/// 1.000 / 0.929 (13 of 14 marks; the packet pool left). The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound53Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round53Set, minPrecision: 0.69, minRecall: 0.69);
