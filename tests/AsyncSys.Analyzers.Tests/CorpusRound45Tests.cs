using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound45/: cases written blind, as an outside tester would, from the docs, on
/// modern C# language shapes around asynchronous syscalls in network servers and protocol handlers (see its README),
/// committed before their first run. The floors are set from the first run.
/// </summary>
public sealed class CorpusRound45Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round45Set, minPrecision: 0.0, minRecall: 0.0);
