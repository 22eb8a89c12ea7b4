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
