using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound58/: cases written as an outside tester would, on unsafe code and
/// native-memory ownership around ring operations (see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound58Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round58Set, minPrecision: 1.0, minRecall: 0.40, rulesAtZero: ["ASYS1003", "ASYS1006", "ASYS1007"]);
