using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound47/: cases written blind, as an outside tester would, on application
/// frameworks around AsyncSys operations (hosted services, channels, pipelines, Parallel.ForEachAsync, PeriodicTimer,
/// IValueTaskSource, object pools, helpers two levels deep; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound47Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round47Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
