using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound21/: cases written blind, as an outside tester would, from the docs and
/// everyday .NET services and tools in the Microsoft.Extensions hosting style (BackgroundService workers tailing files
/// and watching folders, ILogger logging around native calls, Options-configured retries, CLI copy/hash/scan tools with
/// Parallel.ForEachAsync and progress, IAsyncEnumerable chunk readers, health checks calling statvfs/sysinfo through
/// offloaded wrappers, DI singletons with caches and counters; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound21Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round21Set, minPrecision: 0, minRecall: 0);
