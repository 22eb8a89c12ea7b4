using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound39/: cases written blind, as an outside tester would, from the docs and
/// message brokers and queues (append-only log segments with pipelined writes, memory-mapped offset indexes, consumer
/// offset commits, zero-copy fetches, sendmsg-framed producer batches and acks, retention, flow-control credits; see its
/// README), committed before their first run.
/// </summary>
public sealed class CorpusRound39Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round39Set, minPrecision: 0.0, minRecall: 0.0);
