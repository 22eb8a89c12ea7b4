using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound61/: cases written as an outside tester would, on hazards hidden by C# 12
/// type shapes (see its README), committed before their first run. First run: not yet measured.
/// </summary>
public sealed class CorpusRound61Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round61Set, minPrecision: 0.0, minRecall: 0.0,
        rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
