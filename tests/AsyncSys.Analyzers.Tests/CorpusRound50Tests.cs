using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound50/: cases written blind, as an outside tester would, on hazards that travel
/// across methods and iterators as service code is factored (helpers and local functions returning an operation's
/// ValueTask, async iterators with a read-ahead at a yield, Channels of (buffer, ValueTask) pairs, ValueTasks in fields,
/// cancelled operations whose buffer is reused, blocking wrappers one call away; see its README), committed before their
/// first run. First run (rules as they were at 7f4eb02, nothing relabelled): P 1.000 (15/15) / R 0.714 (15 of 21 marks),
/// every miss the rules': a synchronous helper calling a blocking wrapper from async code and a non-async ...Async method
/// calling one (ASYS1007 at zero), a ValueTask field stored by one member and awaited by two others (ASYS1006) (fixed); a
/// second use of one per-thread storage, a stack iovec stored into a stack msghdr, a Channel of (frame, send) pairs
/// (left). After: 1.000 / 0.857 (18 of 21). The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound50Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round50Set, minPrecision: 1.00, minRecall: 0.71);
