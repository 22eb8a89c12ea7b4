using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound42/: cases written blind, as an outside tester would, from the docs and
/// scientific and numeric data I/O (chunked array files, O_DIRECT reads into aligned native memory, per-thread
/// decompressors, checksum workers, pwritev + fdatasync appenders; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound42Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round42Set, minPrecision: 0.0, minRecall: 0.0);
