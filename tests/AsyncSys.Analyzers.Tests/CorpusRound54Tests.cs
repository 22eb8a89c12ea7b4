using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound54/: cases written blind, as an outside tester would, on actor and
/// message-passing frameworks (Orleans-style grains, Akka.NET/Proto.Actor-style actors, Channel mailboxes; see its
/// README), committed before their first run. First run (rules as they were at 89f9cb2, 13 marks): P 0.889 (8/9) / R 0.615
/// (8 of 13), the misses the rules' (an AsyncLocal under SuppressFlow, a [Reentrant] grain's field, a scratch array under a
/// PipeTo'd send, a memory-mapped view released in a finally, a ValueTask local never awaited), the report the label's (a
/// second write on the next line, a mark added). After: 1.000 / 0.857 (12 of 14 marks; the PipeTo'd scratch and the mapped
/// view left). The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound54Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round54Set, minPrecision: 0.88, minRecall: 0.61);
