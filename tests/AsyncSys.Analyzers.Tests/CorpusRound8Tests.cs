using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound8/: 28 cases written blind, as an outside tester would, from the docs and
/// proxy, DNS, log-shipping, B-tree and checkpoint code shapes (see its README), committed before their first run.
/// First run (rules as they were at 9287015, nothing relabelled): P 0.923 (12/13) / R 0.750 (12 of 16 marks), the floors.
/// ASYS1001 found none of its 3 marks, so the "no rule at zero" condition fails this test until the rule or the
/// labels are settled by the lead (see the README for each miss).
/// </summary>
public sealed class CorpusRound8Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round8Set, minPrecision: 0.92, minRecall: 0.75);
