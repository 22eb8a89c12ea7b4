using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound51/: cases written blind, as an outside tester would, on fan-out, timeouts
/// and abandoned operations (WaitAsync and WhenAny timeouts that leave the operation running, linked tokens with
/// CancelAfter, WhenAll and Parallel.ForEachAsync sharing buffers, permits released early, fire-and-forget sends; see its
/// README), committed before their first run. First run (rules as they were at eaf0780, 19 marks): P 0.947 (18/19) / R
/// 0.947 (18 of 19 marks); the miss the rules' (a Parallel.ForEachAsync body writing a header array its runs share, fixed),
/// the false report the label's (a second real write of the retried frame on the next line, a mark added). After: 1.000 /
/// 1.000 (20 of 20). The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound51Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round51Set, minPrecision: 0.94, minRecall: 0.94);
