using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound59/: cases written as an outside tester would, on hazards that cross loops
/// and try blocks written with recent C# control flow (see its README), committed before their first run. First run (rules
/// at f816fff, 13 marks): P 0.647 (11/17) / R 0.846 (11 of 13); six false ASYS1006 reports and two misses, all the rules'.
/// After: 1.000 / 0.923 (left: a task local left unawaited by a continue inside a try). The floors are the first run.
/// </summary>
public sealed class CorpusRound59Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round59Set, minPrecision: 0.64, minRecall: 0.84, rulesAtZero: ["ASYS1006"]);
