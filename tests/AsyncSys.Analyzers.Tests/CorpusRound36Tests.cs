using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound36/: cases written blind, as an outside tester would, from the docs and
/// storage engines (write-ahead logs with group commit, LSM memtable flush and compaction over O_DIRECT and aligned pooled
/// buffers, B-tree page caches with latches and eviction, checkpoints with CancelAll, background scrubbers, recovery;
/// see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound36Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round36Set, minPrecision: 0, minRecall: 0);
