using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound43/: cases written blind, as an outside tester would, from the docs and
/// message brokers and RPC servers, aimed at hazards that cross loops and try blocks (see its README), committed before
/// their first run. First run (rules as they were at a80636a, nothing relabelled, one compile fix): P 0.810 (17/21) /
/// R 1.000 (17 of 17 marks), no rule at zero. Three errors were the rules': ASYS1005 writes into a lease made in a loop's
/// body taken for the previous pass's lease (two, fixed), and an await using taken as released with a pipelined send in
/// flight, because a foreach's own finally hands on the loop's normal exit as an exception's (left). One was the
/// label's: errno read in a catch right after a throw, which runs first-chance handlers (relabelled a hazard, as round 3
/// has it). After: 0.947 / 1.000. The floors are the first run rounded down.
/// </summary>
public sealed class CorpusRound43Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round43Set, minPrecision: 0.80, minRecall: 1.0);
