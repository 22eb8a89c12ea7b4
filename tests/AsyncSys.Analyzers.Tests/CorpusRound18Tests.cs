using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound18/: cases written blind, as an outside tester would, from the docs and
/// observability and data-pipeline code (log tailers with inotify and pread, journald/syslog forwarders, /proc and sysfs
/// scrapers, trace exporters with pooled batches, Kafka-like producers, compression pipelines, offset checkpoints with
/// pwrite and fdatasync, Channel backpressure; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound18Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round18Set, minPrecision: 0, minRecall: 0);
