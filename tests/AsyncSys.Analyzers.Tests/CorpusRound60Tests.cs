using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound60/: cases written as an outside tester would, on stack memory in disguise
/// written with C# 12 and recent .NET APIs (see its README), committed before their first run. First run (rules at 67fa425, 11 marks): P 1.000 (5/5) / R 0.455 (5 of 11); six
/// ASYS1004 misses, all the rules'. After: 1.000 / 1.000. The floors are the first run.
/// </summary>
public sealed class CorpusRound60Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round60Set, minPrecision: 1.0, minRecall: 0.45,
        rulesAtZero: ["ASYS1002", "ASYS1003", "ASYS1005", "ASYS1006", "ASYS1007"]);
