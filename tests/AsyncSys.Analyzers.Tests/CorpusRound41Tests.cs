using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound41/: cases written blind, as an outside tester would, from the docs and
/// replicated logs and search indexes (Raft nodes persisting term and vote, AppendEntries over sendmsg, election timers,
/// snapshots renamed into place; segment writers, merges reading segments in parallel, commit points; see its README),
/// committed before their first run.
/// </summary>
public sealed class CorpusRound41Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round41Set, minPrecision: 0.0, minRecall: 0.0);
