using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound60/: cases written as an outside tester would, on stack memory in disguise
/// written with C# 12 and recent .NET APIs (see its README), committed before their first run. Floors: set from the first run.
/// </summary>
public sealed class CorpusRound60Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round60Set, minPrecision: 0.0, minRecall: 0.0,
        rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
