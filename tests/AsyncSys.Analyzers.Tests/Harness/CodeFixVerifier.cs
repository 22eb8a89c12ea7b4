using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Analyzers.Tests.Harness;

/// <summary>
/// Applies a code fix the way the IDE does (through an AdhocWorkspace and the fix's CodeAction
/// operations), then checks the text, that it compiles, and that the rule no longer fires.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    /// <summary>Fixes the first diagnostic only.</summary>
    public static Task VerifyFixAsync(string source, string expected) => VerifyAsync(source, expected, fixAll: false);

    /// <summary>Fixes every diagnostic in the document with one FixAll, as "Fix all occurrences in document" does.</summary>
    public static Task VerifyFixAllAsync(string source, string expected) => VerifyAsync(source, expected, fixAll: true);

    /// <summary>Asserts the rule fires and the fix offers nothing, where no rewrite would compile and mean the same.</summary>
    public static async Task VerifyNoFixAsync(string source)
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        ImmutableArray<Diagnostic> diagnostics = await GetDiagnosticsAsync(document);
        Assert.True(diagnostics.Length > 0, "The rule does not fire on the source.");
        foreach (Diagnostic diagnostic in diagnostics)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await new TFix().RegisterCodeFixesAsync(context);
            Assert.True(actions.Count == 0, "A fix was offered for " + diagnostic);
        }
    }

    private static async Task VerifyAsync(string source, string expected, bool fixAll)
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        ImmutableArray<Diagnostic> diagnostics = await GetDiagnosticsAsync(document);
        Assert.True(diagnostics.Length > 0, "The rule does not fire on the source to fix.");
        if (fixAll)
        {
            Assert.True(diagnostics.Length > 1, "A FixAll test needs several occurrences.");
        }

        var fix = new TFix();
        CodeAction action = fixAll
            ? await GetFixAllActionAsync(fix, document, diagnostics)
            : await GetSingleActionAsync(fix, document, diagnostics[0]);

        Document fixedDocument = await ApplyAsync(action, document);
        string actual = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));

        Compilation compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        TestCompilation.AssertCompiles(compilation, "The fixed source");
        ImmutableArray<Diagnostic> remaining = await GetDiagnosticsAsync(fixedDocument);
        Assert.True(remaining.IsEmpty, "The rule still fires after the fix:\n" + string.Join("\n", remaining));
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        Project project = workspace.AddProject("TestProject", LanguageNames.CSharp)
            .WithCompilationOptions(TestCompilation.Options)
            .WithParseOptions(TestCompilation.ParseOptions)
            .WithMetadataReferences(TestCompilation.References);
        return project.AddDocument("Test.cs", SourceText.From(source));
    }

    private static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        TestCompilation.AssertCompiles(compilation, "The source");
        return (await AnalyzerVerifier<TAnalyzer>.GetDiagnosticsAsync(compilation))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private static async Task<CodeAction> GetSingleActionAsync(CodeFixProvider fix, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        Assert.True(actions.Count > 0, "No code fix was offered for " + diagnostic);
        return actions[0];
    }

    private static async Task<CodeAction> GetFixAllActionAsync(CodeFixProvider fix, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        CodeAction first = await GetSingleActionAsync(fix, document, diagnostics[0]);
        FixAllProvider fixAllProvider = fix.GetFixAllProvider()!;
        var context = new FixAllContext(
            document,
            fix,
            FixAllScope.Document,
            first.EquivalenceKey,
            diagnostics.Select(d => d.Id).Distinct(),
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        CodeAction? action = await fixAllProvider.GetFixAsync(context);
        Assert.NotNull(action);
        return action;
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        ApplyChangesOperation apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return apply.ChangedSolution.GetDocument(document.Id)!;
    }

    /// <summary>Hands FixAll the diagnostics already computed for the one document under test.</summary>
    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
