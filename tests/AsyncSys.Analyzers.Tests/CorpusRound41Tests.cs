using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound41/: cases written blind, as an outside tester would, from the docs and
/// replicated logs and search indexes (Raft nodes persisting term and vote, AppendEntries over sendmsg, election timers,
/// snapshots renamed into place; segment writers, merges reading segments in parallel, commit points; see its README),
/// committed before their first run.
/// First run (rules as they were at 211bf40, nothing relabelled, no compile fix): P 0.800 (20/25) / R 0.833 (20 of 24
/// marks), no rule at zero. All nine errors were the rules': ASYS1002 a helper reading a [ThreadStatic] field through a
/// `using static` import (a miss); ASYS1005 a method of the type rewriting another object's buffer field, a PipeWriter's
/// memory advanced and flushed with its pread in flight, a buffer published inside a record (a miss each), writes of this
/// object's buffer field taken for another object's in flight (three false reports) and an AutoFlush StreamWriter's
/// Dispose taken to write held text (two). After the fixes 1.000 / 1.000. The floors are the first run rounded down.
/// Details in the README.
/// </summary>
public sealed class CorpusRound41Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round41Set, minPrecision: 0.80, minRecall: 0.83);
