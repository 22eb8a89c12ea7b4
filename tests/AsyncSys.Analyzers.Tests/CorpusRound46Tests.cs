using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound46/: cases written blind, as an outside tester would, on libraries built on
/// AsyncSys whose hazards cross method boundaries (see its README), committed before their first run. The floors are set
/// after the first run.
/// </summary>
public sealed class CorpusRound46Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round46Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
