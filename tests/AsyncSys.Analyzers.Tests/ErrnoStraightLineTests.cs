using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// ASYS1001 decides most functions from their syntax and the symbols of their calls (ErrnoStraightLine) and sends
/// the rest through the flow over the control flow graph. Both must give the same reports: over the whole corpus
/// (every rule's cases, since errno reads and awaits appear in all of them), each case is analyzed both ways.
/// </summary>
public sealed class ErrnoStraightLineTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task The_straight_line_path_and_the_flow_report_the_same_on_every_corpus_case()
    {
        ISourceGenerator[] generators = CorpusRun.Generators();
        var differences = new List<string>();
        int decided = 0, flow = 0;
        int readsReported = 0;
        foreach (CorpusCase corpusCase in CorpusCase.LoadAll())
        {
            Compilation compilation = CorpusRun.Compile(corpusCase, generators).Compilation;
            int decidedBefore = ErrnoStraightLine.DecidedFunctions, flowBefore = ErrnoStraightLine.FlowFunctions;
            string[] usual = await ReportsAsync(compilation, graphOnly: false);
            decided += ErrnoStraightLine.DecidedFunctions - decidedBefore;
            flow += ErrnoStraightLine.FlowFunctions - flowBefore;
            string[] flowOnly = await ReportsAsync(compilation, graphOnly: true);
            readsReported += usual.Length;
            if (!usual.SequenceEqual(flowOnly))
            {
                differences.Add(corpusCase.Name + ":\n    usual: " + string.Join("\n           ", usual) + "\n    flow:  " + string.Join("\n           ", flowOnly));
            }
        }

        // Other tests running at the same time may add to the counters: the figures are at least these.
        output.WriteLine($"ASYS1001 reports: {readsReported}; functions decided on the straight-line path: {decided}, left to the flow: {flow}");
        Assert.True(differences.Count == 0, "The straight-line path and the flow disagree:\n" + string.Join("\n", differences));
        Assert.True(readsReported > 0, "ASYS1001 reported nothing on the corpus: the comparison compared nothing");
        Assert.True(decided > 0, "No corpus function was decided on the straight-line path: the comparison compared the flow with itself");
    }

    [Theory]
    [InlineData(ErrnoReadTooLateTests.TupleOfTwoCalls)]
    [InlineData(ErrnoReadTooLateTests.RetryHelperLogsBeforeReading)]
    [InlineData(ErrnoReadTooLateTests.FcntlBetweenFailedReadAndErrno)]
    public async Task The_straight_line_path_and_the_flow_report_the_same_on_calls_in_one_tuple_and_delegate_calls(string markup)
    {
        var (source, expected) = Markup.Parse(TestSources.Native + markup);
        Compilation compilation = TestCompilation.Create(source);
        string[] usual = await ReportsAsync(compilation, graphOnly: false);
        string[] flowOnly = await ReportsAsync(compilation, graphOnly: true);
        Assert.Equal(expected.Count, usual.Length);
        Assert.Equal(usual, flowOnly);
    }

    private static async Task<string[]> ReportsAsync(Compilation compilation, bool graphOnly)
    {
        ErrnoStraightLine.GraphOnly = graphOnly;
        try
        {
            ImmutableArray<Diagnostic> diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ErrnoReadTooLateAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
            return diagnostics
                .Select(d => d.Location.GetLineSpan() + " " + d.GetMessage(CultureInfo.InvariantCulture))
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToArray();
        }
        finally
        {
            ErrnoStraightLine.GraphOnly = false;
        }
    }
}
