using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound62/: cases written as an outside tester would, on test and benchmark code
/// around ring operations (see its README), committed before their first run. First run (rules at b956cf9, 8 marks): P 0.833 (5/6) / R 0.625 (5 of 8); one
/// ASYS1002 false report, two ASYS1005 and one ASYS1006 misses, all the rules'. The floors are the first run.
/// </summary>
public sealed class CorpusRound62Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round62Set, minPrecision: 0.83, minRecall: 0.62,
        rulesAtZero: ["ASYS1003", "ASYS1004", "ASYS1006"]);
