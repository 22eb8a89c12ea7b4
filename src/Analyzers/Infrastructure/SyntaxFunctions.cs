using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// Functions as the syntax shows them: a code root, and the lambdas and local functions written in it, each of
/// which runs at its own time (the syntax-level twin of <see cref="FunctionBody"/>).
/// </summary>
internal static class SyntaxFunctions
{
    /// <summary>The innermost function <paramref name="node"/> runs in: a lambda, a local function, or the root itself.</summary>
    public static SyntaxNode Enclosing(SyntaxNode node, SyntaxNode root)
    {
        for (SyntaxNode? current = node.Parent; current is not null && current != root; current = current.Parent)
        {
            if (IsNested(current))
            {
                return current;
            }
        }

        return root;
    }

    /// <summary>Whether a node starts a function of its own inside a root.</summary>
    public static bool IsNested(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>Whether the function is declared <c>async</c>; null when only its symbol can tell (top-level statements).</summary>
    public static bool? IsAsync(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        CompilationUnitSyntax => null,
        _ => false,
    };

    /// <summary>The method symbol of a function of the root.</summary>
    public static IMethodSymbol? SymbolOf(CodeRootContext context, SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => context.SymbolOf(lambda) as IMethodSymbol,
        LocalFunctionStatementSyntax local => context.Model.GetDeclaredSymbol(local, context.CancellationToken) as IMethodSymbol,
        _ => context.Owner as IMethodSymbol,
    };
}
