using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound30/: cases written blind, as an outside tester would, from the docs and
/// media streaming and file-serving servers (HLS segmenters publishing segments with fsync and rename, static-file
/// servers sending byte ranges with sendfile and pooled buffers, RTP pacers over a ring of packet slots, recording
/// services appending to growing files while tailers read them, thumbnail/transcode job queues; see its README),
/// committed before their first run.
/// First run (rules as they were at 28d58e0, nothing relabelled; four cases needed a compile fix only): P 1.000 (19/19) /
/// R 0.950 (19 of 20 marks). The one miss: a stackalloc RTP header stored into an element of a native iovec
/// (`_iov[0].Base`) that the constructor linked to the native msghdr the sendmsg is given. Fixed since (ASYS1004 follows
/// elements of a linked iovec array and links a constructor makes between readonly pointer fields): P 1.000 / R 1.000;
/// the floors are that rounded down. Details in the README.
/// </summary>
public sealed class CorpusRound30Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round30Set, minPrecision: 0.999, minRecall: 0.999);
