using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound31/: cases written blind, as an outside tester would, from the docs and
/// Linux node agents and kernel-facing daemons (rtnetlink monitors and dumps, bpf(2) map look-ups, perf_event_open
/// counters and perf ring drains, cgroup v2 files, /proc scrapers on timerfd, eventfd loops; see its README), committed
/// before their first run.
/// </summary>
public sealed class CorpusRound31Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round31Set, minPrecision: 0, minRecall: 0);
