using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound37/: cases written blind, as an outside tester would, from the docs and
/// build tools and package managers (parallel file hashing with pooled buffers, tar/zip extraction with pwrite, lock
/// files with flock, spawned compilers and their pipes, content-addressed caches with rename, progress and cancellation;
/// see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound37Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round37Set, minPrecision: 0, minRecall: 0);
