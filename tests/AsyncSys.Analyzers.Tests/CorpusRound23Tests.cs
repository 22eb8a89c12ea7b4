using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound23/: cases written blind, as an outside tester would, from the docs and
/// message brokers and stream processors (append-only segments with pwrite and fdatasync batching, consumer fetches
/// with sendfile and sendmsg, offset indexes rewritten in place, retention deleting and truncating segments through
/// offloaded wrappers, zero-copy pipelines handing buffers between stages with channels, exactly-once producers,
/// shutdown drains; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound23Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round23Set, minPrecision: 0, minRecall: 0);
