using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound27/: cases written blind, as an outside tester would, from the docs and
/// filesystem tooling (parallel directory walkers over getdents64, duplicate finders and content hashers, copy and sync
/// tools with FICLONE, copy_file_range, utimensat and atomic rename, inotify watchers feeding indexers; see its README),
/// committed before their first run. Floors are set after the first run.
/// </summary>
public sealed class CorpusRound27Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round27Set, minPrecision: 0, minRecall: 0);
