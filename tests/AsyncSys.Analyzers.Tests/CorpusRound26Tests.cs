using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound26/: cases written blind, as an outside tester would, from the docs and
/// library code over System.IO.Pipelines and Stream adapters (PipeWriter pumps, PipeReader consumers, Stream subclasses
/// over descriptors and sockets, length-prefixed framing, IBufferWriter users, ArrayPool/MemoryPool leases; see its
/// README), committed before their first run. Not run yet: floors 0.
/// </summary>
public sealed class CorpusRound26Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round26Set, minPrecision: 0, minRecall: 0);
