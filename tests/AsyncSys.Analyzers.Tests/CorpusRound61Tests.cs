using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound61/: cases written as an outside tester would, on hazards hidden by C# 12
/// type shapes (see its README), committed before their first run. First run (rules at 361fa78, 14 marks): P 1.000 (11/11) / R 0.786 (11 of 14); one
/// ASYS1005 and two ASYS1006 misses, all the rules'. After: 1.000 / 0.929 (left: a ValueTask copied by a record's `with`).
/// The floors are the first run.
/// </summary>
public sealed class CorpusRound61Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round61Set, minPrecision: 1.0, minRecall: 0.78,
        rulesAtZero: ["ASYS1002"]);
