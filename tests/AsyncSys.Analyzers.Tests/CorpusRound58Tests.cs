using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound58/: cases written as an outside tester would, on unsafe code and
/// native-memory ownership around ring operations (see its README), committed before their first run. First run (rules at
/// c40d45c, 10 marks): P 1.000 (4/4) / R 0.400 (4 of 10), all six misses the rules' (native frees and GCHandle.Free were no
/// releases, a pool's Return of the buffer itself, an UnmanagedMemoryStream over the same pointer, a span over a fixed
/// pointer). After: 1.000 / 0.900 (left: a DisposeAsync freeing a field block another member's receive uses). The floors
/// are the first run; ASYS1003, 1006 and 1007 have no case this round.
/// </summary>
public sealed class CorpusRound58Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round58Set, minPrecision: 1.0, minRecall: 0.40, rulesAtZero: ["ASYS1003", "ASYS1006", "ASYS1007"]);
