using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound38/: cases written blind, as an outside tester would, from the docs and
/// database client drivers and wire protocols (message framing with BinaryWriter over MemoryStream and pooled buffers,
/// buffers and streams in connection fields, retry loops with the syscall in the loop condition, pipelined requests,
/// connection pools, command timeouts and cancellation, WAL replication streams; see its README), committed before their
/// first run. The floors are set after the first run.
/// </summary>
public sealed class CorpusRound38Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round38Set, minPrecision: 0.0, minRecall: 0.0);
