using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound46/: cases written blind, as an outside tester would, on libraries built on
/// AsyncSys whose hazards cross method boundaries (see its README), committed before their first run. First run (rules as they were at f636f8c, nothing relabelled): P 1.000 (4/4) / R 0.235
/// (4 of 17 marks), every miss the rules'. The floors are the first run rounded down; the rules the first run found
/// nothing of are named until a fix finds one.
/// </summary>
public sealed class CorpusRound46Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round46Set, minPrecision: 1.0, minRecall: 0.23, rulesAtZero: ["ASYS1002"]);
