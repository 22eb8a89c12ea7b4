using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound46/: cases written blind, as an outside tester would, on libraries built on
/// AsyncSys whose hazards cross method boundaries (see its README), committed before their first run. First run (rules as they were at f636f8c, nothing relabelled): P 1.000 (4/4) / R 0.235
/// (4 of 17 marks), every miss the rules'; one mark added after it (a second real write on the next line, reported once
/// forwarding methods were followed): 4 of 18. Fixed: forwarding methods (ASYS1004/1005/1006), synchronous facades
/// (ASYS1007), a tracker's Dispose/DisposeAsync read for whether it waits (ASYS1005), per-thread storage set or read in a
/// helper (ASYS1002). After: 1.000 / 1.000 (18 of 18). The floors are the first run (4 of 18) rounded down.
/// </summary>
public sealed class CorpusRound46Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round46Set, minPrecision: 1.0, minRecall: 0.22);
