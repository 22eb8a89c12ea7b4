using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound17/: cases written blind, as an outside tester would, from the docs and
/// security and infrastructure agents (fanotify permission responders, audit netlink readers, /proc scanners, perf
/// loaders, kTLS senders, secrets handling with mlock and explicit wiping, backup schedulers with timerfd, rate limits
/// and retries; see its README), committed before their first run. Floors 0 until the first run is recorded.
/// </summary>
public sealed class CorpusRound17Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round17Set, minPrecision: 0.0, minRecall: 0.0);
