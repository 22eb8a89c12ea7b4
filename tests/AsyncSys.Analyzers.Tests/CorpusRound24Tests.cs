using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound24/: cases written blind, as an outside tester would, in container and
/// sandbox tooling and backup/restore utilities (process supervisors with pidfd/waitid, namespace setup with
/// setns/mount, tar streamers into pipes, deduplicating chunkers, restore paths with fallocate/pwrite/fsync and errno
/// retries, progress counters, CLI entry points; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound24Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round24Set, minPrecision: 0, minRecall: 0);
