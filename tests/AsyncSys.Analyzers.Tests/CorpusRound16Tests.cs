using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound16/: 35 cases written blind, as an outside tester would, from the docs and
/// developer tooling, test infrastructure and web backends (build tools spawning compilers and reading their pipes,
/// incremental caches keyed by statx, lock files, test fixtures with temp dirs and async lifetimes, minimal-API routes,
/// hosted services, file endpoints with pooled buffers; see its README), committed before their first run.
/// Floors 0 until the first run is recorded.
/// </summary>
public sealed class CorpusRound16Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round16Set, minPrecision: 0, minRecall: 0);
