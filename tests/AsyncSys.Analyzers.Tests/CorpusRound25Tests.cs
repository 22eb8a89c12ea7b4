using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound25/: cases written blind, as an outside tester would, from the docs and
/// download managers and web crawlers (parallel ranged downloads into a preallocated file, resume with ftruncate,
/// per-host token buckets, checksums overlapped with writes, temp file + renameat, errno retries, robots.txt parsing,
/// group cancellation; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound25Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round25Set, minPrecision: 0, minRecall: 0);
