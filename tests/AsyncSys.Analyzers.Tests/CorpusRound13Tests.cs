using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound13/: 31 cases written blind, as an outside tester would, from the docs and
/// system daemon and process tooling code (container namespace helpers, pidfd supervisors, inotify watchers, timerfd and
/// eventfd loops, log shippers and journald/syslog writers, package extractors, backup tools; see its README), committed
/// before their first run. Floors at 0 until the first run is recorded.
/// </summary>
public sealed class CorpusRound13Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round13Set, minPrecision: 0, minRecall: 0);
