using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>An ordinary method's loop that makes its call again when it fails with EINTR.</summary>
    /// <param name="Call">The first import the loop calls, for the message (or <see langword="null"/>).</param>
    /// <param name="EndsOnCancel">Whether the loop reads <c>IoRing.IsBlockingCallCancellationRequested</c>.</param>
    private sealed record EintrRetry(string? Call, bool EndsOnCancel);

    /// <summary>
    /// The loop of an ordinary method's body that retries its call on EINTR: an EINTR test in the loop's condition
    /// (<c>do { ... } while (r &lt; 0 &amp;&amp; errno == EINTR)</c>), an <c>if</c> in its body that continues on EINTR, or one that
    /// leaves the loop unless the failure is EINTR (<c>while (true) { ...; if (errno != EINTR) return r; }</c>). On a worker,
    /// cancellation stops a blocked call only by a signal that makes it fail with EINTR: such a loop makes the call again.
    /// EINTR is a symbol of that name (a constant, an enum member, <c>Errno.EINTR</c>), or 4 compared with
    /// <c>Marshal.GetLastPInvokeError()</c>/<c>GetLastWin32Error()</c>/<c>GetLastSystemError()</c> itself.
    /// </summary>
    private static EintrRetry? FindEintrRetry(MethodDeclarationSyntax syntax, SemanticModel semanticModel)
    {
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || semanticModel.SyntaxTree != syntax.SyntaxTree)
        {
            return null;
        }

        EintrRetry? found = null;
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            (ExpressionSyntax? condition, StatementSyntax? loopBody) = node switch
            {
                DoStatementSyntax d => (d.Condition, d.Statement),
                WhileStatementSyntax w => (w.Condition, w.Statement),
                ForStatementSyntax f => (f.Condition, f.Statement),
                _ => ((ExpressionSyntax?)null, (StatementSyntax?)null),
            };
            if (loopBody is null)
            {
                continue;
            }

            bool retries = condition is not null && HasEintrTest(condition, semanticModel, wantEqual: true);
            foreach (SyntaxNode inner in loopBody.DescendantNodesAndSelf(descendIntoChildren: n => n == loopBody || !IsLoop(n)))
            {
                if (retries)
                {
                    break;
                }

                if (inner is IfStatementSyntax branch)
                {
                    // "if EINTR, continue" or "unless EINTR, leave": either way the loop goes round again on EINTR.
                    retries = (HasEintrTest(branch.Condition, semanticModel, wantEqual: true) && Contains<ContinueStatementSyntax>(branch.Statement))
                        || (HasEintrTest(branch.Condition, semanticModel, wantEqual: false) && LeavesLoop(branch.Statement));
                }
            }

            if (!retries)
            {
                continue;
            }

            bool endsOnCancel = ReadsCancellationRequested(node, semanticModel);
            EintrRetry loop = new(FirstImportCalled(loopBody, semanticModel), endsOnCancel);
            if (!endsOnCancel)
            {
                return loop;
            }

            found ??= loop;
        }

        return found;
    }

    private static bool IsLoop(SyntaxNode node) =>
        node is DoStatementSyntax or WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax;

    private static bool Contains<T>(SyntaxNode node)
        where T : SyntaxNode
    {
        foreach (SyntaxNode inner in node.DescendantNodesAndSelf(descendIntoChildren: n => n == node || !IsLoop(n)))
        {
            if (inner is T)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LeavesLoop(SyntaxNode node) =>
        Contains<BreakStatementSyntax>(node) || Contains<ReturnStatementSyntax>(node) || Contains<ThrowStatementSyntax>(node) || Contains<GotoStatementSyntax>(node);

    /// <summary>Whether <paramref name="condition"/> tests errno against EINTR, as equal (or, with <paramref name="wantEqual"/> false, as different).</summary>
    private static bool HasEintrTest(ExpressionSyntax condition, SemanticModel semanticModel, bool wantEqual)
    {
        foreach (SyntaxNode node in condition.DescendantNodesAndSelf())
        {
            bool? equal = node switch
            {
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) && IsEintrComparison(b.Left, b.Right, semanticModel) => true,
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.NotEqualsExpression) && IsEintrComparison(b.Left, b.Right, semanticModel) => false,
                IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax constant } p when IsEintrComparison(p.Expression, constant.Expression, semanticModel) => true,
                IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax constant } } p when IsEintrComparison(p.Expression, constant.Expression, semanticModel) => false,
                _ => null,
            };
            if (equal is not bool value)
            {
                continue;
            }

            // Each enclosing '!' up to the condition turns the test round.
            for (SyntaxNode? up = node.Parent; up is not null && up != condition.Parent; up = up.Parent)
            {
                if (up is PrefixUnaryExpressionSyntax prefix && prefix.IsKind(SyntaxKind.LogicalNotExpression))
                {
                    value = !value;
                }
            }

            if (value == wantEqual)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEintrComparison(ExpressionSyntax left, ExpressionSyntax right, SemanticModel semanticModel) =>
        IsEintr(left, right, semanticModel) || IsEintr(right, left, semanticModel);

    private static bool IsEintr(ExpressionSyntax candidate, ExpressionSyntax other, SemanticModel semanticModel)
    {
        while (candidate is ParenthesizedExpressionSyntax or CastExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression })
        {
            candidate = candidate switch
            {
                ParenthesizedExpressionSyntax p => p.Expression,
                CastExpressionSyntax c => c.Expression,
                PrefixUnaryExpressionSyntax u => u.Operand,
                _ => candidate,
            };
        }

        if (semanticModel.GetSymbolInfo(candidate).Symbol is IFieldSymbol { Name: "EINTR" } or ILocalSymbol { Name: "EINTR" })
        {
            return true;
        }

        // A bare 4 only beside the errno read itself.
        return semanticModel.GetConstantValue(candidate).Value is 4
            && other is InvocationExpressionSyntax invocation
            && semanticModel.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "GetLastPInvokeError" or "GetLastWin32Error" or "GetLastSystemError" } errno
            && errno.ContainingType is { } marshal && TypeFacts.IsNamed(marshal, "System.Runtime.InteropServices", "Marshal");
    }

    /// <summary>Whether the loop reads <c>AsyncSys.IoRing.IsBlockingCallCancellationRequested</c>.</summary>
    private static bool ReadsCancellationRequested(SyntaxNode loop, SemanticModel semanticModel)
    {
        foreach (SyntaxNode node in loop.DescendantNodes())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: "IsBlockingCallCancellationRequested" } name
                && semanticModel.GetSymbolInfo(name).Symbol is IPropertySymbol { ContainingType: { } type }
                && TypeFacts.IsNamed(type, "AsyncSys", "IoRing"))
            {
                return true;
            }
        }

        return false;
    }

    private static string? FirstImportCalled(SyntaxNode loopBody, SemanticModel semanticModel)
    {
        foreach (SyntaxNode node in loopBody.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax invocation
                && semanticModel.GetSymbolInfo(invocation).Symbol is IMethodSymbol target
                && !RingPlacement.IsOrdinary(target))
            {
                return target.Name;
            }
        }

        return null;
    }
}
