using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound12/: 28 cases written blind, as an outside tester would, from the docs and
/// media, data tooling and embedded-Linux code (V4L2 capture, serial ports, GPIO, audio, dedup hashing, chunked writers,
/// sensor loggers; see its README), committed before their first run. Floors not measured yet.
/// </summary>
public sealed class CorpusRound12Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round12Set, minPrecision: 0, minRecall: 0);
