using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound23/: cases written blind, as an outside tester would, from the docs and
/// message brokers and stream processors (append-only segments with pwrite and fdatasync batching, consumer fetches
/// with sendfile and sendmsg, offset indexes rewritten in place, retention deleting and truncating segments through
/// offloaded wrappers, zero-copy pipelines handing buffers between stages with channels, exactly-once producers,
/// shutdown drains; see its README), committed before their first run.
/// First run (rules as they were at main when the round started, nothing relabelled; one compile fix only): P 1.000
/// (20/20) / R 0.909 (20 of 22 marks). Misses: a buffer handed back to a Channel free list while its send is in flight
/// (ASYS1005, an unsure label) and ValueTasks of an array consumed by AsTask in a Select lambda, then awaited again in a
/// foreach (ASYS1006). The second is fixed since (a copy of a task collection field followed into the member that makes
/// it): P 1.000 / R 0.955; the floors are that rounded down.
/// </summary>
public sealed class CorpusRound23Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round23Set, minPrecision: 0.999, minRecall: 0.954);
