using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound35/: cases written blind, as an outside tester would, from the docs and
/// log shippers and observability agents on Linux (inotify tailers with rotation and reopen, line splitting across
/// reads, batching into pooled buffers, disk-backed spill queues with segment files and fdatasync, upload workers with
/// retries and backoff, metrics counters, flush on shutdown; see its README), committed before their first run.
/// Floors not set yet (blind, not run).
/// </summary>
public sealed class CorpusRound35Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round35Set, minPrecision: 0, minRecall: 0);
