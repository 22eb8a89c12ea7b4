using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound28/: cases written blind, as an outside tester would, from the docs and
/// database drivers and client libraries over sockets (PostgreSQL/Redis/memcached-style wire-protocol clients,
/// pipelining, connection pools, per-query timeouts and cancellation, reconnect with backoff, keep-alive; see its
/// README), committed before their first run.
/// </summary>
public sealed class CorpusRound28Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round28Set, minPrecision: 0, minRecall: 0);
