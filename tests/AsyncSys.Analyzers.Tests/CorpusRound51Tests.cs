using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound51/: cases written blind, as an outside tester would, on fan-out, timeouts
/// and abandoned operations (WaitAsync and WhenAny timeouts that leave the operation running, linked tokens with
/// CancelAfter, WhenAll and Parallel.ForEachAsync sharing buffers, permits released early, fire-and-forget sends; see its
/// README), committed before their first run.
/// </summary>
public sealed class CorpusRound51Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round51Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
