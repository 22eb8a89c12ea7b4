using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound48/: cases written blind, as an outside tester would, on code migrated from
/// callback and pre-async styles to asynchronous syscalls (ContinueWith chains, TaskCompletionSource bridges, APM
/// Begin/End pairs, async void handlers, StartNew LongRunning pumps, Timer and thread-pool callbacks, Monitor and
/// SemaphoreSlim sections around awaits, fire-and-forget writes; see its README), committed before their first run.
/// Floors not set yet: the first run decides them.
/// </summary>
public sealed class CorpusRound48Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round48Set, minPrecision: 0.0, minRecall: 0.0, rulesAtZero: ["ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007"]);
