using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound43/: cases written blind, as an outside tester would, from the docs and
/// message brokers and RPC servers, aimed at hazards that cross loops and try blocks (see its README), committed before
/// their first run.
/// </summary>
public sealed class CorpusRound43Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round43Set, minPrecision: 0.0, minRecall: 0.0);
