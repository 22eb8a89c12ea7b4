using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace AsyncSys.Generator.Tests.Corpus;

/// <summary>
/// Every declaration of the corpus, compiled together as a real project would be, comes out as expected:
/// the generated signature and where it runs, or the diagnostic that refuses it. Anything else (a silent skip,
/// a different signature, generated code that does not compile, an internal error) counts as "other", which must be 0.
/// </summary>
public sealed class CorpusTests
{
    private static readonly SymbolDisplayFormat SignatureFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
            SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers |
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Every_corpus_wrapper_is_generated_correctly_or_refused_with_a_diagnostic()
    {
        (List<(string Source, string Expected)> entries, Compilation input) = Build();
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Null(run.Results[0].Exception);
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);
        List<Diagnostic> outputProblems = GeneratorHarness.CompilerProblems(output);
        var all = analyzer.Concat(run.Diagnostics).ToList();

        int generated = 0, refused = 0;
        var other = new StringBuilder();
        for (int i = 0; i < entries.Count; i++)
        {
            string file = "Input" + (i + 1) + ".cs";
            string type = "Corpus.C" + i;
            string expected = entries[i].Expected;
            var diagnostics = all.Where(d => d.Location.GetLineSpan().Path == file).ToList();
            var files = run.Results[0].GeneratedSources.Where(s => s.HintName.StartsWith(type + ".", System.StringComparison.Ordinal)).ToList();
            var compileErrors = outputProblems.Where(d => files.Any(f => d.Location.SourceTree?.FilePath.EndsWith(f.HintName, System.StringComparison.Ordinal) == true)).ToList();
            string actual = Describe(output, type, files, diagnostics, compileErrors);
            if (actual == expected)
            {
                if (expected.StartsWith("ASYS", System.StringComparison.Ordinal))
                {
                    refused++;
                }
                else
                {
                    generated++;
                }
            }
            else
            {
                other.Append("C").Append(i).Append(": ").Append(entries[i].Source.Split('\n')[4].Trim()).Append('\n')
                    .Append("    expected: ").Append(expected).Append('\n')
                    .Append("    actual:   ").Append(actual).Append('\n');
            }
        }

        int others = entries.Count - generated - refused;
        _output.WriteLine("corpus: " + entries.Count + " wrappers; generated correctly: " + generated + "; clear diagnostic: " + refused + "; other: " + others);
        _output.WriteLine(other.ToString());
        Assert.True(entries.Count >= 120, "the corpus must hold at least 120 wrappers");
        Assert.True(others == 0, others + " wrappers came out otherwise:\n" + other);
    }

    /// <summary>Every corpus entry in its own type <c>Corpus.C&lt;n&gt;</c> (source and expected outcome), compiled together as one project.</summary>
    internal static (List<(string Source, string Expected)> Entries, Compilation Input) Build()
    {
        var entries = new List<(string Source, string Expected)>();
        foreach ((string declaration, string expected) in WrapperCorpus.Entries)
        {
            string name = "C" + entries.Count;
            entries.Add(("namespace Corpus\n{\n    public static unsafe partial class " + name + "\n    {\n        " + declaration + "\n    }\n}\n", expected));
        }

        foreach ((string declaration, string expected) in WrapperCorpus.Types)
        {
            string name = "C" + entries.Count;
            entries.Add(("namespace Corpus\n{\n" + declaration.Replace("{C}", name) + "\n}\n", expected));
        }

        string usings = WrapperCorpus.Prelude.Substring(0, WrapperCorpus.Prelude.IndexOf("namespace", System.StringComparison.Ordinal));
        var sources = new List<string> { WrapperCorpus.Prelude };
        sources.AddRange(entries.Select(e => usings + e.Source));
        Compilation input = GeneratorHarness.Compile(sources.ToArray());
        List<Diagnostic> inputProblems = GeneratorHarness.CompilerProblems(input)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is not "CS8795").ToList();
        Assert.True(inputProblems.Count == 0, "the corpus itself must compile:\n" + string.Join("\n", inputProblems));
        return (entries, input);
    }

    /// <summary>"ring Op: signature", "worker: signature", or the wrapper's diagnostic ids; with anything unexpected appended.</summary>
    private static string Describe(Compilation output, string type, List<GeneratedSourceResult> files, List<Diagnostic> diagnostics, List<Diagnostic> compileErrors)
    {
        var text = new StringBuilder();
        var warnings = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        diagnostics = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (diagnostics.Count > 0)
        {
            text.Append(string.Join(" ", diagnostics.Select(d => d.Id).Distinct()));
            if (files.Count > 0)
            {
                text.Append(" [and generated " + files.Count + " file(s)]");
            }

            foreach (Diagnostic diagnostic in diagnostics)
            {
                // A refusal must say why and what to do: an empty or id-only message does not count.
                if (diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Length < 20)
                {
                    text.Append(" [unclear message]");
                }
            }

            return text.ToString();
        }

        if (files.Count == 0)
        {
            return "nothing generated, no diagnostic (silent)";
        }

        INamedTypeSymbol? symbol = output.GetTypeByMetadataName(type);
        var described = new List<string>();
        foreach (GeneratedSourceResult file in files)
        {
            string source = file.SourceText.ToString();
            // A ring variant may also run the wrapper on a worker, for arguments its request cannot take: a submission makes it a ring one.
            string where = source.Contains("ring.RunBlockingAsync(") && !source.Contains("global::AsyncSys.RingRequest.") ? "worker" : RingOp(source);
            foreach (IMethodSymbol method in symbol!.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "IoRing" &&
                    method.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.EndsWith(file.HintName, System.StringComparison.Ordinal)))
                {
                    string signature = method.ToDisplayString(SignatureFormat)
                        .Replace("IoRing ring, ", "").Replace("IoRing ring", "")
                        .Replace(", CancellationToken cancellationToken = default(CancellationToken)", "").Replace("CancellationToken cancellationToken = default(CancellationToken)", "");
                    described.Add(where + ": " + signature);
                }
            }
        }

        text.Append(string.Join(" | ", described.OrderBy(d => d, System.StringComparer.Ordinal).Take(1)));
        foreach (GeneratedSourceResult file in files)
        {
            // The overload that keeps the wrapper's params array (no ring, no token).
            foreach (IMethodSymbol method in symbol!.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.Parameters.Length > 0 && method.Parameters[^1].IsParams &&
                    method.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.EndsWith(file.HintName, System.StringComparison.Ordinal)))
                {
                    text.Append(" | params: ").Append(method.ToDisplayString(SignatureFormat));
                }
            }
        }

        foreach (Diagnostic warning in warnings)
        {
            text.Append(" (warning " + warning.Id + ")");
        }

        foreach (Diagnostic error in compileErrors)
        {
            text.Append(" [" + error + "]");
        }

        return text.ToString();
    }

    private static string RingOp(string source)
    {
        const string Marker = "global::AsyncSys.RingRequest.";
        int at = source.IndexOf(Marker, System.StringComparison.Ordinal);
        if (at < 0)
        {
            return "ring ?";
        }

        int start = at + Marker.Length;
        return "ring " + source.Substring(start, source.IndexOf('(', start) - start);
    }
}
