using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Synchronous facades: a method of this compilation whose whole body blocks on its asynchronous twin
/// (<c>public void Sync() =&gt; SyncAsync().AsTask().GetAwaiter().GetResult();</c>, <c>.Wait()</c>, <c>.Result</c>), the
/// pair database drivers and storage engines offer their synchronous callers. When the twin runs an operation of the
/// ring (an <c>IoRing</c> method, a generated variant or a forwarder, called in its body), the facade blocks the calling
/// thread on the ring as a blocking wrapper does, and an async caller should await the twin instead (ASYS1007).
/// </summary>
internal static class Facades
{
    /// <summary>
    /// The call a declaration's whole body blocks on (an expression body, one <c>return</c> or one expression statement:
    /// <c>X.GetAwaiter().GetResult()</c>, <c>X.Wait(...)</c>, <c>X.Result</c>, with <c>X</c> through <c>AsTask()</c>,
    /// <c>Preserve()</c> and <c>ConfigureAwait(...)</c>), if it is written so. Syntax only.
    /// </summary>
    public static InvocationExpressionSyntax? BlockedOnCall(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return null;
        }

        ExpressionSyntax? body = method.ExpressionBody?.Expression ?? (method.Body?.Statements is { Count: 1 } statements ? statements[0] switch
        {
            ReturnStatementSyntax { Expression: { } returned } => returned,
            ExpressionStatementSyntax { Expression: { } expression } => expression,
            _ => null,
        } : null);
        ExpressionSyntax? waited = Strip(body) switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter } } } => awaiter.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
            _ => null,
        };
        while (Strip(waited) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsTask" or "Preserve" or "ConfigureAwait" } access })
        {
            waited = access.Expression;
        }

        return Strip(waited) as InvocationExpressionSyntax;
    }

    private static ExpressionSyntax? Strip(ExpressionSyntax? expression)
    {
        while (expression is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = expression is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)expression).Operand;
        }

        return expression;
    }

    /// <summary>
    /// The asynchronous twin a facade (an ordinary method of this compilation, its definition) blocks on, when that twin
    /// runs an operation of the ring: an asynchronous syscall itself, or a method of this compilation whose body calls one
    /// (one level). Bound once per facade, by <see cref="AsyncSysApi"/>.
    /// </summary>
    public static IMethodSymbol? Decide(AsyncSysApi api, IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration ||
            BlockedOnCall(declaration) is not { } call || Forwarders.CalledName(call) is not { } name || !api.Names.MayBeAsyncSyscall(name))
        {
            return null;
        }

        SemanticModel model = api.Compilation.GetSemanticModel(declaration.SyntaxTree);
        if (model.GetOperation(call) is not IInvocationOperation blocked)
        {
            return null;
        }

        IMethodSymbol twin = (blocked.TargetMethod.ReducedFrom ?? blocked.TargetMethod).OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(twin, method) ? null
            : api.IsAsyncSyscall(blocked.TargetMethod) || StartsOperation(api, twin) ? twin
            : null;
    }

    // A method of this compilation that calls an asynchronous syscall in its own body (not in a lambda or local function of it).
    private static bool StartsOperation(AsyncSysApi api, IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration ||
            ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is not { } body)
        {
            return false;
        }

        SemanticModel? model = null;
        foreach (SyntaxNode node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is InvocationExpressionSyntax call && Forwarders.CalledName(call) is { } name && api.Names.MayBeAsyncSyscall(name))
            {
                model ??= api.Compilation.GetSemanticModel(declaration.SyntaxTree);
                if (model.GetSymbolInfo(call).Symbol is IMethodSymbol started && api.IsAsyncSyscall(started))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
