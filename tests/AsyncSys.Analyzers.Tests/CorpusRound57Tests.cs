using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound57/: cases written as an outside tester would, on ports of .NET I/O code
/// (FileStream, RandomAccess, Socket) to the ring call site by call site (see its README), committed before their first
/// run. The floors are the first run, rounded down.
/// </summary>
public sealed class CorpusRound57Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round57Set, minPrecision: 0.0, minRecall: 0.0);
