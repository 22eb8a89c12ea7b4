using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound63/: cases written as an outside tester would, on shared state in offloaded
/// wrappers and blocking wrappers reached from async code the way application code writes them (see its README),
/// committed before their first run. First run (rules at d25b512, 6 marks): P 1.000 (3/3) / R 0.500 (3 of 6); no false
/// report; one ASYS1003 miss (a static new Random()) and two ASYS1007 misses (a synchronous local function, the Dispose
/// of a using declaration), all the rules'. The floors are the first run.
/// </summary>
public sealed class CorpusRound63Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round63Set, minPrecision: 1.0, minRecall: 0.5,
        rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1004", "ASYS1005", "ASYS1006"]);
