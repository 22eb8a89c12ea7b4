using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound15/: 35 cases written blind, as an outside tester would, from the docs and
/// real-time, low-latency code (UDP game servers with per-tick loops, snapshot broadcasts and rings of msghdr slots;
/// market-data feed handlers with busy-poll receives, multicast joins, SO_TIMESTAMPING control buffers and pinned
/// threads; telemetry exporters batching into pooled arrays; see its README), committed before their first run.
/// Floors at 0 until the first run is recorded.
/// </summary>
public sealed class CorpusRound15Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round15Set, minPrecision: 0, minRecall: 0);
