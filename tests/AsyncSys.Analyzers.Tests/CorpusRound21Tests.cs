using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound21/: cases written blind, as an outside tester would, from the docs and
/// everyday .NET services and tools in the Microsoft.Extensions hosting style (BackgroundService workers tailing files
/// and watching folders, ILogger logging around native calls, Options-configured retries, CLI copy/hash/scan tools with
/// Parallel.ForEachAsync and progress, IAsyncEnumerable chunk readers, health checks calling statvfs/sysinfo through
/// offloaded wrappers, DI singletons with caches and counters; see its README), committed before their first run.
/// First run (rules as they were at f4f1713, nothing relabelled, no compile fix): P 0.900 (18/20) / R 0.857 (18 of 21
/// marks); no rule at zero. Since: a thread id given to a log method through its params array is only logged (P 0.947);
/// Task.Delay(timeout, token) raced against a read cannot throw past a using (P 1.000);
/// a helper computing its value from [ThreadStatic] storage is followed into offloaded wrappers (R 0.905);
/// a lambda held by a readonly delegate field and called by an offloaded wrapper is followed (R 0.952);
/// a foreach awaiting every element of a collection of ValueTasks counts as a consumption of it (R 1.000).
/// Floors are the latest figures rounded down. Details in the README.
/// </summary>
public sealed class CorpusRound21Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round21Set, minPrecision: 0.999, minRecall: 0.999);
