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
        // Since round 48: `int Send(byte[] frame, int n) => EndSend(BeginSend(frame, n, null, null));`, the synchronous member
        // of an APM pair kept for old callers: the Begin call is the twin (Decide checks that the End blocks).
        if (Strip(body) is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } endArguments } end &&
            Forwarders.CalledName(end) is { } endName && endName.StartsWith("End", System.StringComparison.Ordinal) &&
            Strip(endArguments[0].Expression) is InvocationExpressionSyntax begin && Forwarders.CalledName(begin) is { } beginName &&
            beginName.StartsWith("Begin", System.StringComparison.Ordinal) && beginName.Substring(5) == endName.Substring(3))
        {
            return begin;
        }

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
            BlockedOnCall(declaration) is not { } call || Forwarders.CalledName(call) is not { } name)
        {
            return null;
        }

        bool apm = IsApmBegin(call, name);
        if (!apm && !api.Names.MayBeAsyncSyscall(name))
        {
            return null;
        }

        SemanticModel model = api.Compilation.GetSemanticModel(declaration.SyntaxTree);
        if (model.GetOperation(call) is not IInvocationOperation blocked)
        {
            return null;
        }

        // An APM pair: the End given the Begin's IAsyncResult must block until it completes (its body, or one method of
        // this compilation it hands the result to, waits with GetResult, Wait or Result).
        if (apm && (blocked.Parent?.Parent is not IInvocationOperation end || !Blocks(api, end.TargetMethod, 0)))
        {
            return null;
        }

        IMethodSymbol twin = (blocked.TargetMethod.ReducedFrom ?? blocked.TargetMethod).OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(twin, method) ? null
            : api.IsAsyncSyscall(blocked.TargetMethod) || StartsOperation(api, twin) ? twin
            : null;
    }

    private static bool IsApmBegin(InvocationExpressionSyntax call, string name) =>
        name.StartsWith("Begin", System.StringComparison.Ordinal) && call.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } };

    /// <summary>
    /// Whether a method of this compilation blocks until what it is given completes: its whole body waits
    /// (<c>((Task&lt;int&gt;)result).GetAwaiter().GetResult()</c>, <c>.Wait()</c>, <c>.Result</c>), or hands its parameter
    /// to another such method (<c>EndSend(IAsyncResult r) =&gt; Apm.End(r)</c>), two methods deep at most.
    /// </summary>
    private static bool Blocks(AsyncSysApi api, IMethodSymbol method, int depth)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (depth > 1 || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration ||
            method.IsAsync)
        {
            return false;
        }

        ExpressionSyntax? body = declaration.ExpressionBody?.Expression ?? (declaration.Body?.Statements is { Count: > 0 } statements ? statements[0] switch
        {
            ReturnStatementSyntax { Expression: { } returned } => returned,
            ExpressionStatementSyntax { Expression: { } expression } => expression,
            LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer => initializer.Value,
            _ => null,
        } : null);
        switch (Strip(body))
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult" or "Wait" } }:
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" }:
                return true;
            case InvocationExpressionSyntax helper:
                return api.Compilation.GetSemanticModel(declaration.SyntaxTree).GetSymbolInfo(helper).Symbol is IMethodSymbol next &&
                    next.DeclaringSyntaxReferences.Length == 1 && Blocks(api, next, depth + 1);
            default:
                return false;
        }
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
