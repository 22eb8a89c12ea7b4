using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound29/: cases written blind, as an outside tester would, from the docs and
/// terminal and child-process code (pty allocation and window sizes, pty master readers, line editors and REPLs, SSH-like
/// pty channels, job runners pumping several pipes, reaping with waitpid, signals on cancel; see its README), committed
/// before their first run.
/// First run (rules as they were at 00877af, nothing relabelled, no compile fix): P 1.000 (23/23) / R 1.000 (23 of 23
/// marks), no rule at zero; the floors are that rounded down. Details in the README.
/// </summary>
public sealed class CorpusRound29Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round29Set, minPrecision: 0.999, minRecall: 0.999);
