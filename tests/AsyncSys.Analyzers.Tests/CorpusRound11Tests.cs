using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound11/: 42 cases written blind, as an outside tester would, from the docs and
/// everyday application code that adopts AsyncSys (worker services, CLI tools, file watchers, import and export jobs,
/// telemetry agents, game and chat servers, backup tools, disk caches; see its README), committed before their first run.
/// Floors at 0 until the first run is measured.
/// </summary>
public sealed class CorpusRound11Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round11Set, minPrecision: 0.0, minRecall: 0.0);
