using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound20/: cases written blind, as an outside tester would, from the docs and
/// ML/HPC data loaders and embedded databases (O_DIRECT shard readers with aligned pooled buffers, bounded prefetch
/// pipelines, mmap'd indexes with madvise, pinned staging buffers, WAL group commit, page caches, checkpointers,
/// offloaded stat/fallocate/fadvise wrappers; see its README), committed before their first run.
/// First run (rules as they were at afc1832, nothing relabelled; four cases needed compile fixes only): P 0.923 (24/26) /
/// R 0.857 (24 of 28 marks); no rule at zero. Since fixed: ASYS1005's two false reports (a `Task.Delay` given a token
/// counted as a throw point; a view local reassigned to another buffer) and ASYS1002's miss (a deconstructing
/// `await foreach` was no suspension point), one ASYS1006 miss (a `for` loop consuming a collection's elements by index
/// was no consumption) and one ASYS1005 miss (a loop variable's buffer property released in the pass that started its
/// write): P 1.000 / R 0.964; the floors are that rounded down. Left: a ValueTask awaited through Queue.Peek and again
/// through Dequeue (ASYS1006).
/// </summary>
public sealed class CorpusRound20Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round20Set, minPrecision: 0.999, minRecall: 0.964);
