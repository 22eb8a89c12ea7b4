using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound52/: cases written blind, as an outside tester would, on AsyncSys mixed with
/// .NET's other asynchronous I/O stacks (System.IO.Pipelines, custom Stream overrides, MemoryPool and ArrayPool rentals,
/// a SocketAsyncEventArgs-style argument object, IBufferWriter staging, Channels, IThreadPoolWorkItem; see its README),
/// committed before their first run. First run: pending.
/// </summary>
public sealed class CorpusRound52Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round52Set, minPrecision: 0.0, minRecall: 0.0);
