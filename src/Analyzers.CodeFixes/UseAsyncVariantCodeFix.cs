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
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncSys.Analyzers.CodeFixes;

/// <summary>
/// Fixes ASYS1007 by rewriting <c>Wrapper(args)</c> to <c>await WrapperAsync(args, token)</c>, passing the
/// enclosing method's CancellationToken parameter when it has one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncVariantCodeFix)), Shared]
public sealed class UseAsyncVariantCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(BlockingWrapperInAsyncMethodAnalyzer.Id);

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
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call ||
                !diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.VariantNameProperty, out string? variant) ||
                variant is null ||
                !AsyncContext.CanAwaitAt(model, call, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Await '" + variant + "'",
                    ct => UseVariantAsync(context.Document, call, diagnostic, variant, ct),
                    equivalenceKey: BlockingWrapperInAsyncMethodAnalyzer.Id),
                diagnostic);
        }
    }

    private static async Task<Document> UseVariantAsync(Document document, InvocationExpressionSyntax call, Diagnostic diagnostic, string variant, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;

        ExpressionSyntax target = call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(variant)),
            IdentifierNameSyntax => SyntaxFactory.IdentifierName(variant),
            MemberBindingExpressionSyntax binding => binding.WithName(SyntaxFactory.IdentifierName(variant)),
            _ => call.Expression,
        };

        ArgumentListSyntax arguments = call.ArgumentList;
        diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.CallerTokenProperty, out string? token);
        diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.TokenParameterProperty, out string? tokenParameter);
        if (token is not null)
        {
            ArgumentSyntax passToken = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token));

            // Positional only when every parameter is already passed in order; otherwise name it.
            bool positional = model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol wrapper &&
                              call.ArgumentList.Arguments.Count == wrapper.Parameters.Length &&
                              call.ArgumentList.Arguments.All(a => a.NameColon is null) &&
                              !wrapper.Parameters.Any(p => p.IsParams);
            if (!positional && tokenParameter is not null)
            {
                passToken = passToken.WithNameColon(SyntaxFactory.NameColon(tokenParameter));
            }

            arguments = arguments.AddArguments(passToken);
        }

        AwaitExpressionSyntax awaited = SyntaxFactory.AwaitExpression(call.WithExpression(target).WithArgumentList(arguments).WithoutTrivia());
        ExpressionSyntax replacement = call.Parent is ExpressionStatementSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax or ArgumentSyntax
            ? awaited
            : SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(call, replacement.WithTriviaFrom(call)));
    }
}
