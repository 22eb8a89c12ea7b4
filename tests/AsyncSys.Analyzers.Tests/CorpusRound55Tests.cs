using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound55/: cases written blind, as an outside tester would, on data transformation
/// around ring I/O (compression, authenticated encryption, checksums and Base64 transcoding over buffers in flight; see its
/// README), committed before their first run. Floors are set from the first run, rounded down.
/// </summary>
public sealed class CorpusRound55Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round55Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
