using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound55/: cases written blind, as an outside tester would, on data transformation
/// around ring I/O (codecs, authenticated encryption in place, checksums and Base64 transcoding over buffers in flight,
/// double buffering, a codec's errno and per-thread last error; see its README), committed before their first run. First
/// run (rules as they were at f747076, 15 marks): P 0.750 (9/12) / R 0.600 (9 of 15), the misses the rules' but for the
/// stack header's two marks (placed at the iovec stores, not at the operation's argument: the label's), the three false
/// reports the rules' (a pool return in a finally reached only if a status-reporting codec throws). After: 1.000 / 1.000
/// (17 of 17 marks; three second touches marked, the header's mark moved to the argument). The floors are the first run,
/// rounded down.
/// </summary>
public sealed class CorpusRound55Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round55Set, minPrecision: 0.75, minRecall: 0.60);
