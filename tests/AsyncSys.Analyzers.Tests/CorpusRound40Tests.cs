using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound40/: cases written blind, as an outside tester would, from the docs and
/// HTTP, file and static-content servers (range responses with pread and sendfile, uploads with pwrite and fsync,
/// keep-alive loops, access logs, graceful shutdown; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound40Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round40Set, minPrecision: 0.0, minRecall: 0.0);
