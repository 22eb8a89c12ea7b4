using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound63/: cases written as an outside tester would, on shared state in offloaded
/// wrappers and blocking wrappers reached from async code the way application code writes them (see its README),
/// committed before their first run.
/// </summary>
public sealed class CorpusRound63Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round63Set, minPrecision: 0.0, minRecall: 0.0,
        rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
