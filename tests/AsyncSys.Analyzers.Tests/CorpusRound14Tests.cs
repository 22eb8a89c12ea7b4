using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound14/: 35 cases written blind, as an outside tester would, from the docs and
/// file-sync, version-control and message-broker log code (directory walks with getdents64 and statx, hard-link maps,
/// reflink clones, lock-file commits with renameat2, pack writers, xattr digests; segment appenders with group commit,
/// consumer offset files, sendfile feeds, retention deletes; see its README), committed before their first run.
/// Floors 0 until the first run is recorded.
/// </summary>
public sealed class CorpusRound14Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round14Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
