using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound45/: cases written blind, as an outside tester would, from the docs, on
/// modern C# language shapes around asynchronous syscalls in network servers and protocol handlers (see its README),
/// committed before their first run. First run (rules as they were at 38bf5a7, nothing relabelled): P 0.933 (14/15) /
/// R 0.824 (14 of 17 marks), every error the rules'. Fixed: a yield return as a way into the iterator's finally, a local
/// function's returned operation dropped by its call, flags remembering a pending task for ASYS1006, a task kept by a
/// tracker object until the code uses it again (its Dispose included). After: 1.000 / 1.000. The floors are the first
/// run rounded down.
/// </summary>
public sealed class CorpusRound45Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round45Set, minPrecision: 0.93, minRecall: 0.82);
