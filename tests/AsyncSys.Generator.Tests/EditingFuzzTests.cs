using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.HeldOut;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// An editor runs the generator and its analyzer on every keystroke, with one driver kept between runs: over code half
/// typed, half deleted, or pasted out of place. These runs take realistic files (every held-out case file) and edit
/// them as a user does — a marked declaration typed anew token by token, single tokens deleted — and require that no
/// run throws into the compiler, reports an internal failure (ASYS0000), or leaves the generator's cached steps broken
/// (the same driver then sees the file restored and must produce what a fresh driver produces).
/// </summary>
/// <remarks>
/// Short by default (a few edits per file, chosen from a seed fixed per file); <c>ASYNCSYS_FUZZ_LONG=1</c> makes many
/// edits per file, and <c>ASYNCSYS_FUZZ_SEED=n</c> picks other edits. A failure names the file, the seed and the edit.
/// </remarks>
public sealed class EditingFuzzTests
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("ASYNCSYS_FUZZ_LONG") == "1";

    private static readonly int Salt = int.TryParse(Environment.GetEnvironmentVariable("ASYNCSYS_FUZZ_SEED"), out int salt) ? salt : 0;

    public static TheoryData<string> Groups()
    {
        var data = new TheoryData<string>();
        foreach (HeldOutGroup group in LoadGroups())
        {
            data.Add(group.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public Task Typing_a_marked_declaration_anew_never_breaks_the_generator(string groupName) => TypeAnewAsync(groupName, null);

    /// <summary>
    /// The same in a build without analyzers, where the generator reports the refusals itself: the driver that saw every
    /// edit reports, for the restored file, the diagnostics a fresh driver reports (the compiler server keeps a driver
    /// between builds, so edits between two command-line builds are such edits too).
    /// </summary>
    [Theory]
    [MemberData(nameof(Groups))]
    public Task Typing_a_marked_declaration_anew_in_a_build_without_analyzers_keeps_the_refusals(string groupName) =>
        TypeAnewAsync(groupName, new Dictionary<string, string> { ["RunAnalyzers"] = "false" });

    private static async Task TypeAnewAsync(string groupName, Dictionary<string, string>? buildProperties)
    {
        HeldOutGroup group = LoadGroups().Single(g => g.Name == groupName);
        var random = new Random(Seed(groupName));
        SyntaxTree original = Parse(group.Source);
        List<MethodDeclarationSyntax> marked = MarkedMethods(original);
        Assert.NotEmpty(marked);

        Compilation compilation = GeneratorHarness.Compile(group.Source);
        SyntaxTree current = compilation.SyntaxTrees.Single();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(buildProperties);
        driver = await CheckedRunAsync(driver, compilation, groupName, "the file as it is");
        string expected = GeneratedText(driver);
        string expectedDiagnostics = Diagnostics(driver);

        int declarations = Long ? Math.Min(marked.Count, 12) : 1;
        int steps = Long ? 16 : 4;
        foreach (MethodDeclarationSyntax method in Pick(marked, declarations, random))
        {
            TextSpan span = method.FullSpan;
            SyntaxToken[] tokens = method.DescendantTokens().ToArray();
            for (int step = 0; step <= steps; step++)
            {
                // The declaration as typed so far: its first tokens, cut where a token ends.
                int typedTokens = tokens.Length * step / steps;
                int end = typedTokens == 0 ? span.Start : tokens[typedTokens - 1].Span.End;
                string text = group.Source[..span.Start] + group.Source[span.Start..end] + group.Source[span.End..];
                string edit = "'" + method.Identifier.ValueText + "' typed up to token " + typedTokens + " of " + tokens.Length;
                (compilation, current) = Replace(compilation, current, text);
                driver = await CheckedRunAsync(driver, compilation, groupName, edit);
            }
        }

        // Back to the file as it was: the driver that saw every edit produces what it produced at first.
        (compilation, current) = Replace(compilation, current, group.Source);
        driver = await CheckedRunAsync(driver, compilation, groupName, "the file restored");
        Assert.Equal(expected, GeneratedText(driver));
        Assert.Equal(expectedDiagnostics, Diagnostics(driver));
    }

    private static string Diagnostics(GeneratorDriver driver) =>
        string.Join("\n", driver.GetRunResult().Diagnostics.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task Deleting_a_token_anywhere_never_breaks_the_generator(string groupName)
    {
        HeldOutGroup group = LoadGroups().Single(g => g.Name == groupName);
        var random = new Random(Seed(groupName) ^ 0x5bd1e995);
        SyntaxTree original = Parse(group.Source);

        // Tokens inside marked declarations and their containers, where the generator looks.
        SyntaxToken[] tokens = MarkedMethods(original)
            .SelectMany(m => m.Parent is TypeDeclarationSyntax type ? type.ChildTokens().Concat(m.DescendantTokens()) : m.DescendantTokens())
            .Distinct()
            .ToArray();
        Compilation compilation = GeneratorHarness.Compile(group.Source);
        SyntaxTree current = compilation.SyntaxTrees.Single();
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        int deletions = Long ? 60 : 3;
        for (int i = 0; i < deletions; i++)
        {
            SyntaxToken token = tokens[random.Next(tokens.Length)];
            string text = group.Source[..token.Span.Start] + group.Source[token.Span.End..];
            string edit = "token '" + token.Text + "' deleted at " + original.GetLineSpan(token.Span).StartLinePosition;
            (compilation, current) = Replace(compilation, current, text);
            driver = await CheckedRunAsync(driver, compilation, groupName, edit);
        }
    }

    private static async Task<GeneratorDriver> CheckedRunAsync(GeneratorDriver driver, Compilation compilation, string group, string edit)
    {
        string where = group + ".case (seed " + Seed(group) + "), " + edit;
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult run = driver.GetRunResult();
        Assert.True(run.Results[0].Exception is null, where + ": the generator threw " + run.Results[0].Exception);
        Diagnostic? broken = run.Diagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785" or "ASYS0000");
        Assert.True(broken is null, where + ": " + broken);
        try
        {
            await GeneratorHarness.AnalyzeAsync(output);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException(where + ": the analyzer threw " + ex);
        }

        return driver;
    }

    private static (Compilation, SyntaxTree) Replace(Compilation compilation, SyntaxTree current, string text)
    {
        SyntaxTree next = current.WithChangedText(SourceText.From(text));
        return (compilation.ReplaceSyntaxTree(current, next), next);
    }

    private static string GeneratedText(GeneratorDriver driver) =>
        string.Join(
            "\n",
            driver.GetRunResult().Results[0].GeneratedSources
                .OrderBy(s => s.HintName, StringComparer.Ordinal)
                .Select(s => "// " + s.HintName + "\n" + s.SourceText));

    // The case files sit beside the held-out harness, which finds them from its own source path.
    private static IReadOnlyList<HeldOutGroup> LoadGroups([CallerFilePath] string thisFile = "") =>
        HeldOutGroup.LoadAll(Path.Combine(Path.GetDirectoryName(thisFile)!, "HeldOut", "HeldOutCase.cs"));

    private static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions);

    private static List<MethodDeclarationSyntax> MarkedMethods(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "AsyncSyscall" or "AsyncSyscallAttribute" or "AsyncSys.AsyncSyscall"))
            .ToList();

    private static IEnumerable<T> Pick<T>(List<T> items, int count, Random random) =>
        items.OrderBy(_ => random.Next()).Take(count);

    // Stable across runs and machines (string.GetHashCode is not).
    private static int Seed(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash ^ (uint)Salt);
    }
}
