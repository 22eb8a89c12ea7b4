using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound26/: cases written blind, as an outside tester would, from the docs and
/// library code over System.IO.Pipelines and Stream adapters (PipeWriter pumps, PipeReader consumers, Stream subclasses
/// over descriptors and sockets, length-prefixed framing, IBufferWriter users, ArrayPool/MemoryPool leases; see its
/// README), committed before their first run.
/// First run (rules as they were at 6c78dbf, nothing relabelled, no compile fix): P 1.000 (22/22) / R 0.957 (22 of 23
/// marks). The miss: a `using IMemoryOwner` disposed as a non-async ReadAsync override returns, while the read it
/// started runs; its task was handed to an async copy-out helper whose task is returned (ASYS1005). No false reports.
/// Fixed since (a helper's task made of the operation carries it; a call to an async method throws nothing): P 1.000 /
/// R 1.000, floors that rounded down.
/// </summary>
public sealed class CorpusRound26Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round26Set, minPrecision: 0.999, minRecall: 0.999);
