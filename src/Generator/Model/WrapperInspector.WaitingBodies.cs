using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>
    /// The entry point of the first import an ordinary method's body calls that can wait: one of <see cref="WaitingCalls"/>
    /// (flock, lockf, fcntl's F_SETLKW, wait*, semop, msgrcv, nanosleep, select, epoll_wait, ...) or a call the table says
    /// waits for a peer (accept, recv, send, connect, poll and their message forms); <see langword="null"/> when it calls none.
    /// Such a body, run on a worker with no cancel hook, would hold its worker until the lock is free or the child ends,
    /// whatever the token says. The imports' entry points say what they call; helper methods of the same compilation the body
    /// calls are read too, as deep as the EINTR-retry check reads them; a call through a function pointer is not followed.
    /// </summary>
    private static string? WaitingCallInBody(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || semanticModel.SyntaxTree != syntax.SyntaxTree)
        {
            return null;
        }

        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method.OriginalDefinition };
        return WaitingCallInBody(body, semanticModel, visited, 0, cancellationToken);
    }

    private static string? WaitingCallInBody(SyntaxNode body, SemanticModel semanticModel, HashSet<IMethodSymbol> visited, int depth, CancellationToken cancellationToken)
    {
        var helpers = new List<IMethodSymbol>();
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax invocation
                || semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol callee)
            {
                continue;
            }

            if (RingPlacement.IsOrdinary(callee))
            {
                // A local function's body is already among this body's nodes; a method in metadata has no body to read.
                if (callee.MethodKind != MethodKind.LocalFunction && depth + 1 < HelperDepth && visited.Add(callee.OriginalDefinition))
                {
                    helpers.Add(callee);
                }

                continue;
            }

            string calls = RingPlacement.EntryPointOf(callee);
            if (WaitingCalls.Contains(calls) || WaitsForPeer(calls))
            {
                return calls;
            }
        }

        foreach (IMethodSymbol helper in helpers)
        {
            foreach (SyntaxReference reference in helper.DeclaringSyntaxReferences)
            {
                SyntaxNode? helperBody = reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration ? (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody : null;
                if (helperBody is null || !semanticModel.Compilation.ContainsSyntaxTree(helperBody.SyntaxTree))
                {
                    continue;
                }

                SemanticModel model = helperBody.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(helperBody.SyntaxTree);
                if (WaitingCallInBody(helperBody, model, visited, depth + 1, cancellationToken) is { } inHelper)
                {
                    return inHelper;
                }
            }
        }

        return null;
    }
}
