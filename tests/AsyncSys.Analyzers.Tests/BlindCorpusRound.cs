using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Runs one corpus written blind (its folder's README says how and what it found) and holds its precision and recall
/// floors: a change that loses a hazard found today, or adds a false report, fails here. Each round is a subclass
/// named after its folder (CorpusRound3Tests, ...), so <c>--filter FullyQualifiedName~CorpusRound6Tests</c> runs one.
/// Every rule must find at least one of its hazards, except the rules a round names in <paramref name="rulesAtZero"/>:
/// the rules its first run measured at zero, until a fix lets the round drop the name.
/// </summary>
public abstract class BlindCorpusRound(ITestOutputHelper output, string set, double minPrecision, double minRecall, string[]? rulesAtZero = null)
{
    [Fact]
    public async Task Compiles_and_holds_its_floors()
    {
        CorpusRun run = await CorpusRun.ExecuteAsync(set);
        var problems = run.Results.SelectMany(r => r.CompileProblems.Select(p => r.Case.Name + ": " + p)).Concat(run.Crashes).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var scores = CorpusTests.RuleIds.Select(id => CorpusTests.Score.For(id, run.Results)).ToList();
        CorpusTests.Score overall = CorpusTests.Score.Sum("overall", scores);
        string report = set + " (written blind)\n" + CorpusTests.Report(run, scores, overall);
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "corpus-" + set.Replace("CorpusRound", "round", StringComparison.Ordinal) + "-report.txt"), report);

        Assert.True(
            overall.Precision >= minPrecision && overall.Recall >= minRecall && scores.All(s => s.TruePositives > 0 || (rulesAtZero ?? []).Contains(s.Rule)),
            $"{set} below its floors (precision {minPrecision}, recall {minRecall}, no rule at zero but {string.Join(", ", rulesAtZero ?? [])}):\n{report}");
    }
}
