using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound54/: cases written blind, as an outside tester would, on actor and
/// message-passing frameworks (Orleans-style grains, Akka.NET/Proto.Actor-style actors, Channel mailboxes; see its
/// README), committed before their first run. First run: not yet run. The floors are set after the first run.
/// </summary>
public sealed class CorpusRound54Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round54Set, minPrecision: 0.0, minRecall: 0.0);
