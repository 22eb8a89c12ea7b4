using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound32/: cases written blind, as an outside tester would, from the docs and
/// desktop GUI applications on Linux (async commands on a UI thread, IProgress from file operations, viewers and
/// editors with pooled buffers, thumbnail and indexing workers, cancel buttons, atomic Save, drag-and-drop copies,
/// error dialogs from errno; see its README), committed before their first run.
/// First run: not run yet.
/// </summary>
public sealed class CorpusRound32Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round32Set, minPrecision: 0, minRecall: 0);
