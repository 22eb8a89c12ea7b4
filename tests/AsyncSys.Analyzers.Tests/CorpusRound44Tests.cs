using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound44/: cases written blind, as an outside tester would, from the docs and
/// storage engines and WAL writers, aimed at buffers reached through more than one name while an operation is in flight
/// (see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound44Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round44Set, minPrecision: 0.0, minRecall: 0.0);
