using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound59/: cases written as an outside tester would, on hazards that cross loops
/// and try blocks written with recent C# control flow (see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound59Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round59Set, minPrecision: 0.0, minRecall: 0.0);
