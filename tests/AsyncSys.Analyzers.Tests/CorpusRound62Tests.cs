using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound62/: cases written as an outside tester would, on test and benchmark code
/// around ring operations (see its README), committed before their first run. The floors are set from the first run.
/// </summary>
public sealed class CorpusRound62Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round62Set, minPrecision: 0.0, minRecall: 0.0,
        rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
