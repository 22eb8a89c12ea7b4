using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound57/: cases written as an outside tester would, on ports of .NET I/O code
/// (FileStream, RandomAccess, Socket) to the ring call site by call site (see its README), committed before their first
/// run. First run (rules at 3af2309, 13 marks): P 1.000 (11/11) / R 0.846 (11 of 13), both misses the rules' (a `using`
/// owner disposed under a slow path returned in a `new ValueTask&lt;T&gt;(...)`, a read-ahead through a Stream subclass's
/// forwarding override hashed with `AppendData(block, 0, n)`). After: 1.000 / 1.000. The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound57Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round57Set, minPrecision: 1.0, minRecall: 0.84);
