using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound32/: cases written blind, as an outside tester would, from the docs and
/// desktop GUI applications on Linux (async commands on a UI thread, IProgress from file operations, viewers and
/// editors with pooled buffers, thumbnail and indexing workers, cancel buttons, atomic Save, drag-and-drop copies,
/// error dialogs from errno; see its README), committed before their first run.
/// First run (rules as at 044bfb0, nothing relabelled, one compile fix): P 0.880 (22/25) / R 1.000 (22 of 22 marks), no
/// miss; three false reports: ASYS1001 after a `SemaphoreSlim.Release` in a finally, ASYS1005 at an `ArrayPool.Return`
/// in a finally twice (one with a progress report between the write's start and its await, one after a timeout path
/// that awaits the cancelled read inside a try/catch). Details in the README.
/// </summary>
public sealed class CorpusRound32Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round32Set, minPrecision: 0.879, minRecall: 0.999);
