using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound19/: cases written blind, as an outside tester would, from the docs and
/// HTTP proxies and RPC frameworks (reverse proxies relaying with splice/sendfile/recv/send, length-prefixed RPC framing
/// over pooled buffers, connection pools, WebSocket servers masking in place, HTTP response pipelines over
/// ArrayBufferWriter, timeouts with Task.WhenAny, graceful shutdown; see its README), committed before their first run.
/// Not run yet: the floors are 0 until the first run is recorded.
/// </summary>
public sealed class CorpusRound19Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round19Set, minPrecision: 0, minRecall: 0);
