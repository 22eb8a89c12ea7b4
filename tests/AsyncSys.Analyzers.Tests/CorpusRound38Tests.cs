using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound38/: cases written blind, as an outside tester would, from the docs and
/// database client drivers and wire protocols (message framing with BinaryWriter over MemoryStream and pooled buffers,
/// buffers and streams in connection fields, retry loops with the syscall in the loop condition, pipelined requests,
/// connection pools, command timeouts and cancellation, WAL replication streams; see its README), committed before their
/// first run.
/// First run (rules as they were at a57292d, nothing relabelled; 3 cases needed compile fixes only): P 1.000 (21/21) /
/// R 0.913 (21 of 23 marks), no rule at zero, no false report. Both misses were ASYS1005's: a BinaryWriter over a
/// MemoryStream over the buffer in flight, in a local and in a connection's readonly fields; followed since (1.000 /
/// 1.000). The floors are the first run rounded down. Details in the README.
/// </summary>
public sealed class CorpusRound38Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round38Set, minPrecision: 0.999, minRecall: 0.913);
