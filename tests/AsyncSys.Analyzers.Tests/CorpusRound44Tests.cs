using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound44/: cases written blind, as an outside tester would, from the docs and
/// storage engines and WAL writers, aimed at buffers, tasks and per-thread values reached through a second name while an
/// operation is in flight (see its README), committed before their first run. First run (rules as they were at 8c8a7b7,
/// nothing relabelled): P 0.600 (6/10) / R 0.316 (6 of 19 marks), ASYS1002, ASYS1003 and ASYS1006 at zero; every error
/// the rules'. Fixed: copies and deconstructions of task, per-thread and shared-object locals, captured per-thread locals
/// in async lambdas, references returned by helpers, stores through a ref local into a linked iovec, buffer copies taken
/// before the start, struct copies, owners disposed by helpers, PipeWriter memory in a field, BinaryPrimitives as a way
/// out, a write started and awaited in two local functions. After: 0.864 / 1.000 (left: double buffering through two
/// swapped locals, three false reports); 1.000 / 1.000 since session 18, which follows which array each swapped local
/// names along the paths. The floors are the first run rounded down.
/// </summary>
public sealed class CorpusRound44Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round44Set, minPrecision: 0.60, minRecall: 0.31);
