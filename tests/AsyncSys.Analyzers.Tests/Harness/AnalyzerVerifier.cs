using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Analyzers.Tests.Harness;

/// <summary>Runs one analyzer over a marked-up source and compares ids and exact line/column spans.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Asserts the analyzer reports exactly the marked diagnostics (none, if nothing is marked).</summary>
    public static async Task VerifyAsync(string markup)
    {
        var (source, expected) = Markup.Parse(markup);
        var compilation = TestCompilation.Create(source);
        TestCompilation.AssertCompiles(compilation, "The test source");

        ImmutableArray<Diagnostic> actual = await GetDiagnosticsAsync(compilation);
        SourceText text = SourceText.From(source);
        string[] expectedLines = expected
            .Select(e => Describe(e.Id, text.Lines.GetLinePositionSpan(e.Span), text.ToString(e.Span)))
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();
        string[] actualLines = actual
            .Select(d => Describe(d.Id, d.Location.GetLineSpan().Span, text.ToString(d.Location.SourceSpan)))
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();

        Assert.True(
            expectedLines.SequenceEqual(actualLines),
            "Expected:\n  " + string.Join("\n  ", expectedLines) + "\nActual:\n  " + string.Join("\n  ", actualLines) +
            "\nMessages:\n  " + string.Join("\n  ", actual.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// The same over several files of one compilation (the parts of a partial type, say): each file's marks are compared with
    /// what is reported in that file, named by its path.
    /// </summary>
    public static async Task VerifyFilesAsync(params (string Path, string Markup)[] files)
    {
        var parsed = files.Select(f => (f.Path, Parsed: Markup.Parse(f.Markup))).ToList();
        var compilation = TestCompilation.Create(parsed.Select(f => (f.Path, f.Parsed.Source)));
        TestCompilation.AssertCompiles(compilation, "The test sources");

        ImmutableArray<Diagnostic> actual = await GetDiagnosticsAsync(compilation);
        var expectedLines = new System.Collections.Generic.List<string>();
        var actualLines = new System.Collections.Generic.List<string>();
        foreach (var (path, (source, expected)) in parsed)
        {
            SourceText text = SourceText.From(source);
            expectedLines.AddRange(expected.Select(e => path + " " + Describe(e.Id, text.Lines.GetLinePositionSpan(e.Span), text.ToString(e.Span))));
            actualLines.AddRange(actual
                .Where(d => d.Location.GetLineSpan().Path == path)
                .Select(d => path + " " + Describe(d.Id, d.Location.GetLineSpan().Span, text.ToString(d.Location.SourceSpan))));
        }

        actualLines.AddRange(actual.Where(d => parsed.All(f => f.Path != d.Location.GetLineSpan().Path)).Select(d => "elsewhere: " + d));
        expectedLines.Sort(System.StringComparer.Ordinal);
        actualLines.Sort(System.StringComparer.Ordinal);
        Assert.True(
            expectedLines.SequenceEqual(actualLines),
            "Expected:\n  " + string.Join("\n  ", expectedLines) + "\nActual:\n  " + string.Join("\n  ", actualLines) +
            "\nMessages:\n  " + string.Join("\n  ", actual.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Compilation compilation)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer());
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();

        // AD0001 (the analyzer threw) must fail the test, not vanish among the compiler's notes.
        var crashes = diagnostics.Where(d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "The analyzer threw:\n" + string.Join("\n", crashes.Select(d => d.ToString())));
        var ids = analyzers[0].SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet();
        return diagnostics.Where(d => ids.Contains(d.Id)).ToImmutableArray();
    }

    // Lines and columns are 1-based, as the build prints them.
    private static string Describe(string id, LinePositionSpan span, string code) =>
        $"{id} ({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1}) `{code}`";
}
