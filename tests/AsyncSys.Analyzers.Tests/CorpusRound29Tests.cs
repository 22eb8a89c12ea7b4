using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound29/: cases written blind, as an outside tester would, from the docs and
/// terminal and child-process code (pty allocation and window sizes, pty master readers, line editors and REPLs, SSH-like
/// pty channels, job runners pumping several pipes, reaping with waitpid, signals on cancel; see its README), committed
/// before their first run. Floors are set from the first run.
/// </summary>
public sealed class CorpusRound29Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round29Set, minPrecision: 0, minRecall: 0);
