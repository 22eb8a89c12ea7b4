using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound28/: cases written blind, as an outside tester would, from the docs and
/// database drivers and client libraries over sockets (PostgreSQL/Redis/memcached-style wire-protocol clients,
/// pipelining, connection pools, per-query timeouts and cancellation, reconnect with backoff, keep-alive; see its
/// README), committed before their first run.
/// First run (rules as they were at 00877af, nothing relabelled; one case needed a compile fix only): P 1.000 (28/28) /
/// R 0.933 (28 of 30 marks). Missed: an add to a list a static Dictionary holds, through a local set from TryGetValue's
/// out or a new list (ASYS1003); a fixed pointer handed to a helper that wraps it in a MemoryManager and returns the
/// send (ASYS1004). Both fixed since (a helper's locals holding memory made over the pointer are followed, ASYS1004; an
/// object a shared collection holds is as shared as the collection, ASYS1003): P 1.000 / R 1.000; the floors are that
/// rounded down. Details in the README.
/// </summary>
public sealed class CorpusRound28Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round28Set, minPrecision: 0.999, minRecall: 0.999);
