using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncSys.Analyzers.CodeFixes;

/// <summary>
/// Fixes ASYS1001 by reading errno right after the P/Invoke: a <c>var e = Marshal.GetLast...()</c> statement
/// moves up to just after the call's statement; a read inside a larger expression is captured into a new
/// local there and the expression uses the local.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ErrnoReadTooLateCodeFix)), Shared]
public sealed class ErrnoReadTooLateCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(ErrnoReadTooLateAnalyzer.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Without the P/Invoke's location (an await with no call before it) there is nowhere to move the read.
            if (diagnostic.AdditionalLocations.Count == 0)
            {
                continue;
            }

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax read ||
                root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not { } call)
            {
                continue;
            }

            StatementSyntax? callStatement = SourceOrder.StatementInBlock(call);
            if (callStatement is null || callStatement.Span.Contains(read.Span) || callStatement.Parent is null ||
                !callStatement.Parent.Span.Contains(read.Span) || callStatement.Span.End > read.SpanStart)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Read errno right after the call",
                    ct => MoveReadAsync(context.Document, read, call, callStatement, ct),
                    equivalenceKey: ErrnoReadTooLateAnalyzer.Id),
                diagnostic);
        }
    }

    private static async Task<Document> MoveReadAsync(Document document, InvocationExpressionSyntax read, SyntaxNode call, StatementSyntax callStatement, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        StatementSyntax? readStatement = SourceOrder.StatementInBlock(read);
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(callStatement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        SyntaxTrivia newLine = callStatement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (newLine == default)
        {
            newLine = SyntaxFactory.ElasticLineFeed;
        }

        if (readStatement is LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration &&
            variables[0].Initializer?.Value == read &&
            declaration.Parent == callStatement.Parent)
        {
            // The whole statement is the read: it depends on nothing in between, so it can simply move up.
            editor.RemoveNode(declaration);
            // Its own trailing comment travels with it; its line break is only reused if it has one.
            SyntaxTriviaList trailing = declaration.GetTrailingTrivia();
            if (!trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                trailing = trailing.Add(newLine);
            }

            editor.InsertAfter(callStatement, declaration.WithLeadingTrivia(indentation).WithTrailingTrivia(trailing));
        }
        else
        {
            SemanticModel model = editor.SemanticModel;
            string name = UniqueName(model, read.SpanStart, CallName(call) + "Errno");
            StatementSyntax capture = SyntaxFactory.ParseStatement("int " + name + " = " + read.WithoutTrivia().ToFullString() + ";")
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(newLine);
            editor.InsertAfter(callStatement, capture);
            editor.ReplaceNode(read, SyntaxFactory.IdentifierName(name).WithTriviaFrom(read));
        }

        return editor.GetChangedDocument();
    }

    private static string CallName(SyntaxNode call)
    {
        string name = (call as InvocationExpressionSyntax)?.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => "last",
        };
        return name.Length == 0 ? "last" : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private static string UniqueName(SemanticModel model, int position, string preferred)
    {
        string name = preferred;
        for (int i = 2; !model.LookupSymbols(position, name: name).IsEmpty; i++)
        {
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
