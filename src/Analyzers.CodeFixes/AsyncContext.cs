using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers.CodeFixes;

/// <summary>Where an await may be added without changing the method's signature.</summary>
internal static class AsyncContext
{
    /// <summary>The innermost method, local function or lambda around a node.</summary>
    public static IMethodSymbol? EnclosingFunction(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        SyntaxNode? function = node.AncestorsAndSelf().FirstOrDefault(n =>
            n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (function is null)
        {
            return null;
        }

        return function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
    }

    /// <summary>
    /// Whether <c>await</c> is legal at the node: inside an async function, and not inside a lock, an unsafe
    /// block or a query, where the compiler forbids it.
    /// </summary>
    public static bool CanAwaitAt(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (EnclosingFunction(model, node, cancellationToken)?.IsAsync != true)
        {
            return false;
        }

        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax or UnsafeStatementSyntax or QueryExpressionSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax:
                    return true;
            }
        }

        return true;
    }
}
