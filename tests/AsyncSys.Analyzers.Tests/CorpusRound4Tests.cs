using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound4/: 84 cases written blind, as an outside tester would, from the docs
/// and public code shapes (see its README). First run: P 0.927 / R 0.826; one label was then corrected against the
/// docs (a pooled buffer returned in a finally that an exception can reach with a write in flight), giving
/// P 0.951 / R 0.830 (39 of 47 hazards, 2 false reports). Then ASYS1005 (a read raced against a timeout through
/// <c>AsTask()</c>, an index from the end, a switch expression's read on a <c>using</c> owner), ASYS1002 (a flag set
/// and reset around an await, a thread id carried in a record), ASYS1001 (calls in one tuple, delegate retry helpers)
/// and ASYS1004 (an extension helper, a pinned-heap field) were fixed: P 0.979 / R 1.000 (47 of 47 hazards, 1 false
/// report). The floors are those figures rounded down, so a change that loses a hazard found today or adds a false
/// report fails here; the false report still open is listed in the README and printed with the figures.
/// </summary>
public sealed class CorpusRound4Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round4Set, minPrecision: 0.97, minRecall: 1.0);
