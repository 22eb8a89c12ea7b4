using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound50/: cases written blind, as an outside tester would, on hazards that travel
/// across methods and iterators as service code is factored (helpers and local functions returning an operation's
/// ValueTask, async iterators with a read-ahead at a yield, Channels of (buffer, ValueTask) pairs, ValueTasks in fields,
/// cancelled operations whose buffer is reused, blocking wrappers one call away; see its README), committed before their
/// first run.
/// </summary>
public sealed class CorpusRound50Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round50Set, minPrecision: 1.00, minRecall: 0.71);
