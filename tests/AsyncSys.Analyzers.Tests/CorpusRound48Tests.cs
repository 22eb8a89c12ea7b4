using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound48/: cases written blind, as an outside tester would, on code migrated from
/// callback and pre-async styles to asynchronous syscalls (ContinueWith chains, TaskCompletionSource bridges, APM
/// Begin/End pairs, async void handlers, StartNew LongRunning pumps, Timer and thread-pool callbacks, Monitor and
/// SemaphoreSlim sections around awaits, fire-and-forget writes; see its README), committed before their first run.
/// First run (rules as they were at 845c69e, nothing relabelled): P 0.923 (12/13) / R
/// 0.600 (12 of 20 marks), every error the rules'. Fixed: errno read first thing in a callback handed to another thread
/// (ASYS1001); a Monitor held across an await, [ThreadStatic] storage read in such a callback (ASYS1002); ContinueWith as
/// a way into a finally (the false report), a watchdog continuation and a lock released while an operation uses the
/// buffer field its section wrote, a buffer released between an APM Begin and its End (ASYS1005); an APM pair's
/// End(Begin(...)) facade (ASYS1007). After: 1.000 / 0.950 (19 of 20; left: EndRead's .Result of a ValueTask held by its
/// IAsyncResult). The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound48Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round48Set, minPrecision: 0.92, minRecall: 0.60);
