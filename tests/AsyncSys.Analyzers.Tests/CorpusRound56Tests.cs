using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound56/: cases written as an outside tester would, on background work and
/// cancellation around ring I/O (hosted services' loops and stops, PeriodicTimer and System.Threading.Timer callbacks,
/// cancellation followed by reuse or return of a buffer before the cancelled operation's task ends; see its README),
/// committed before their first run. First run (rules at 8af9022, 14 marks): P 1.000 (11/11) / R 0.786 (11 of 14), the three
/// misses the rules' (a dropped WhenAny race, a null-tested task field, a writer's drain after its loop). After: 1.000 / 1.000.
/// The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound56Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round56Set, minPrecision: 1.0, minRecall: 0.78);
