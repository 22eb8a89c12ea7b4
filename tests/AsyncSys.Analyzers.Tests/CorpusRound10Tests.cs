using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound10/: 42 cases written blind, as an outside tester would, from the docs and
/// network server, client and system tool code shapes (see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound10Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round10Set, minPrecision: 0.0, minRecall: 0.0);
