using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncSys.Analyzers.CodeFixes;

/// <summary>
/// Fixes ASYS1006 in async code by awaiting the operation: a discarded call becomes <c>await call;</c>,
/// and <c>call.Result</c> becomes <c>await call</c>. A task consumed twice needs a human, so it gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAwaitCodeFix)), Shared]
public sealed class AddAwaitCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(AsyncSyscallResultNotObservedAnalyzer.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            diagnostic.Properties.TryGetValue(AsyncSyscallResultNotObservedAnalyzer.KindProperty, out string? kind);
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            ExpressionSyntax? task = kind switch
            {
                AsyncSyscallResultNotObservedAnalyzer.Discarded => node as InvocationExpressionSyntax,
                AsyncSyscallResultNotObservedAnalyzer.ResultBeforeCompletion => GetTaskOfResultRead(node),
                _ => null,
            };
            if (task is null || !AsyncContext.CanAwaitAt(model, node, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Await the operation",
                    ct => AwaitAsync(context.Document, node, task, ct),
                    equivalenceKey: AsyncSyscallResultNotObservedAnalyzer.Id),
                diagnostic);
        }
    }

    /// <summary>The task in <c>task.Result</c> or <c>task.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? GetTaskOfResultRead(SyntaxNode node) => node switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
        InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "GetResult",
                Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter },
            },
        } => awaiter.Expression,
        _ => null,
    };

    private static async Task<Document> AwaitAsync(Document document, SyntaxNode node, ExpressionSyntax task, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        AwaitExpressionSyntax awaited = SyntaxFactory.AwaitExpression(task.WithoutTrivia());

        // `Op().ConfigureAwait(false);` lost only its await: the statement becomes `await Op().ConfigureAwait(false);`.
        if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure &&
            configure.Parent is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } configured)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(
                configured, SyntaxFactory.AwaitExpression(configured.WithoutTrivia()).WithTriviaFrom(configured)));
        }

        // `_ = Op();` keeps nothing worth keeping: the whole statement becomes `await Op();`.
        if (node.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard &&
            discard.Parent is ExpressionStatementSyntax)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(discard, awaited.WithTriviaFrom(discard)));
        }

        ExpressionSyntax replacement = node.Parent is ExpressionStatementSyntax
            ? awaited
            : SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(node, replacement.WithTriviaFrom(node)));
    }
}
