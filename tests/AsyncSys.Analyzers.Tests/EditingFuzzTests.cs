using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// An editor runs the rules on every keystroke, over code half typed or half deleted. These runs take the corpora's
/// realistic cases and edit them as a user does — a token deleted, a few tokens deleted, the rest of the file not typed
/// yet — and require that no rule and not the AsyncSys generator throws (AD0001, CS8784/CS8785, ASYS0000) on any
/// of them. Long mode, once (27,480 edits): none did; the SDK's LibraryImport generator threw twice.
/// </summary>
/// <remarks>
/// Short by default (one case in twenty, two edits each, chosen from a fixed seed); <c>ASYNCSYS_FUZZ_LONG=1</c> edits every
/// case twelve times, and <c>ASYNCSYS_FUZZ_SEED=n</c> picks other cases and edits. A failure names the case, the seed and
/// the edit.
/// </remarks>
public sealed class EditingFuzzTests
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("ASYNCSYS_FUZZ_LONG") == "1";

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("ASYNCSYS_FUZZ_SEED"), out int seed) ? seed : 1;

    [Fact]
    public async Task Rules_and_generators_never_throw_on_code_being_edited()
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = CorpusRun.AllRules().Add(new AsyncSys.Generator.Diagnostics.AsyncSyscallAnalyzer());
        ISourceGenerator[] generators = CorpusRun.Generators();
        var random = new Random(Seed);
        var edits = new List<(CorpusCase Case, string Edit, string Source)>();
        foreach (CorpusCase corpusCase in AllCases())
        {
            if (!Long && random.Next(20) != 0)
            {
                continue;
            }

            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(corpusCase.Source, TestCompilation.ParseOptions).GetRoot().DescendantTokens().ToArray();
            for (int i = 0; i < (Long ? 12 : 2) && tokens.Length > 2; i++)
            {
                edits.Add(Edit(corpusCase, tokens, random));
            }
        }

        Assert.NotEmpty(edits);
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(
            edits,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (edit, _) =>
            {
                string where = edit.Case.Name + " (seed " + Seed + "), " + edit.Edit;
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (exception, analyzer, _) => failures.Enqueue(where + ": " + analyzer.GetType().Name + " threw " + exception),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: false);
                (Compilation generated, ImmutableArray<Diagnostic> generatorProblems) = CorpusRun.Compile(edit.Case with { Source = edit.Source }, generators);
                // The SDK's LibraryImport generator runs too, as in a build; its own failures on half-typed
                // [LibraryImport] attributes (a NullReferenceException seen here) are not ours to count.
                foreach (Diagnostic broken in generatorProblems.Where(d => d.Id == "ASYS0000"
                    || (d.Id is "CS8784" or "CS8785" && d.GetMessage().Contains(nameof(AsyncSys.Generator.AsyncSyscallGenerator), StringComparison.Ordinal))))
                {
                    failures.Enqueue(where + ": " + broken);
                }

                ImmutableArray<Diagnostic> diagnostics = await generated.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
                foreach (Diagnostic broken in diagnostics.Where(d => d.Id is "AD0001" or "ASYS0000"))
                {
                    failures.Enqueue(where + ": " + broken);
                }
            });

        Assert.True(failures.IsEmpty, failures.Count + " of " + edits.Count + " edited cases broke a rule or a generator:\n" + string.Join("\n", failures.Take(10)));
    }

    private static (CorpusCase, string, string) Edit(CorpusCase corpusCase, SyntaxToken[] tokens, Random random)
    {
        string source = corpusCase.Source;
        int first = random.Next(tokens.Length - 1);
        SyntaxToken token = tokens[first];
        string at = "line " + (source.AsSpan(0, token.SpanStart).Count('\n') + 1);
        switch (random.Next(3))
        {
            case 0:
                return (corpusCase, "token '" + token.Text + "' deleted at " + at, source[..token.SpanStart] + source[token.Span.End..]);
            case 1:
                int last = Math.Min(tokens.Length - 1, first + random.Next(1, 8));
                return (corpusCase, "tokens " + first + " to " + last + " deleted from " + at, source[..token.SpanStart] + source[tokens[last].Span.End..]);
            default:
                return (corpusCase, "the file typed up to '" + token.Text + "' at " + at, source[..token.Span.End]);
        }
    }

    // Every corpus: the one the rules were developed with and every blind round.
    private static IEnumerable<CorpusCase> AllCases() =>
        Directory.GetDirectories(Path.Combine(Repository.Root, "tests", "AsyncSys.Analyzers.Tests"), "Corpus*")
            .Select(Path.GetFileName)
            .OrderBy(name => name, StringComparer.Ordinal)
            .SelectMany(set => CorpusCase.LoadAll(set!));
}
