using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound30/: cases written blind, as an outside tester would, from the docs and
/// media streaming and file-serving servers (HLS segmenters publishing segments with fsync and rename, static-file
/// servers sending byte ranges with sendfile and pooled buffers, RTP pacers over a ring of packet slots, recording
/// services appending to growing files while tailers read them, thumbnail/transcode job queues; see its README),
/// committed before their first run. Not run yet: floors at zero.
/// </summary>
public sealed class CorpusRound30Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round30Set, minPrecision: 0, minRecall: 0);
