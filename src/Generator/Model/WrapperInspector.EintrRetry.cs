using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>An ordinary method's loop that makes its call again when it fails with EINTR.</summary>
    /// <param name="Call">The first import the loop calls, for the message (or <see langword="null"/>).</param>
    /// <param name="EndsOnCancel">Whether the loop reads <c>IoRing.IsBlockingCallCancellationRequested</c>.</param>
    /// <param name="Helpers">The helper methods on the way from the wrapper's body to the loop, outermost first (none when the loop is in the body).</param>
    private sealed record EintrRetry(string? Call, bool EndsOnCancel, System.Collections.Generic.List<string> Helpers)
    {
        /// <summary>Who makes the call again, for the message: "'Read'", or "'Read' calls 'Retry', which".</summary>
        public string Who(string wrapper)
        {
            var text = new System.Text.StringBuilder("'").Append(wrapper).Append('\'');
            for (int i = 0; i < Helpers.Count; i++)
            {
                text.Append(i == 0 ? " calls '" : ", which calls '").Append(Helpers[i]).Append('\'');
            }

            return text.Append(Helpers.Count > 0 ? ", which" : "").ToString();
        }
    }

    /// <summary>
    /// The loop of an ordinary method's body that retries its call on EINTR: an EINTR test in the loop's condition
    /// (<c>do { ... } while (r &lt; 0 &amp;&amp; errno == EINTR)</c>), an <c>if</c> in its body that continues on EINTR, or one that
    /// leaves the loop unless the failure is EINTR (<c>while (true) { ...; if (errno != EINTR) return r; }</c>). On a worker,
    /// cancellation stops a blocked call only by a signal that makes it fail with EINTR: such a loop makes the call again.
    /// EINTR is a symbol of that name (a constant, an enum member, <c>Errno.EINTR</c>), or 4 compared with
    /// <c>Marshal.GetLastPInvokeError()</c>/<c>GetLastWin32Error()</c>/<c>GetLastSystemError()</c> itself. A loop that retries
    /// at most a counted number of times (<see cref="IsBounded"/>) ends by itself and is not one. The bodies of helper methods
    /// of the same compilation the body calls are read too, as deep as ASYS0016 reads them (<see cref="HelperDepth"/>).
    /// </summary>
    private static EintrRetry? FindEintrRetry(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || semanticModel.SyntaxTree != syntax.SyntaxTree)
        {
            return null;
        }

        var visited = new System.Collections.Generic.HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method.OriginalDefinition };
        return FindEintrRetry(body, semanticModel, visited, new System.Collections.Generic.List<string>(), 0, cancellationToken);
    }

    private static EintrRetry? FindEintrRetry(
        SyntaxNode body,
        SemanticModel semanticModel,
        System.Collections.Generic.HashSet<IMethodSymbol> visited,
        System.Collections.Generic.List<string> helpers,
        int depth,
        System.Threading.CancellationToken cancellationToken)
    {
        EintrRetry? found = null;
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
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
            IfStatementSyntax? retryingIf = null;
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
                    retryingIf = retries ? branch : null;
                }
            }

            if (!retries || IsBounded(node, condition, loopBody, retryingIf, semanticModel))
            {
                continue;
            }

            bool endsOnCancel = ReadsCancellationRequested(node, semanticModel);
            EintrRetry loop = new(FirstImportCalled(loopBody, semanticModel), endsOnCancel, helpers);
            if (!endsOnCancel)
            {
                return loop;
            }

            found ??= loop;
        }

        // A helper in this compilation runs on the worker too: read its body (a local function's body is already among
        // this body's nodes; a method in metadata has no body to read).
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            if (depth + 1 >= HelperDepth
                || node is not InvocationExpressionSyntax invocation
                || semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol target
                || !RingPlacement.IsOrdinary(target)
                || target.MethodKind == MethodKind.LocalFunction
                || !visited.Add(target.OriginalDefinition))
            {
                continue;
            }

            foreach (SyntaxReference reference in target.DeclaringSyntaxReferences)
            {
                SyntaxNode? helperBody = reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration ? (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody : null;
                if (helperBody is null || !semanticModel.Compilation.ContainsSyntaxTree(helperBody.SyntaxTree))
                {
                    continue;
                }

                SemanticModel model = helperBody.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(helperBody.SyntaxTree);
                var deeper = new System.Collections.Generic.List<string>(helpers) { target.Name };
                if (FindEintrRetry(helperBody, model, visited, deeper, depth + 1, cancellationToken) is { } inHelper)
                {
                    if (!inHelper.EndsOnCancel)
                    {
                        return inHelper;
                    }

                    found ??= inHelper;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Whether a loop that retries on EINTR does so at most a counted number of times, so that it ends by itself: a counter
    /// stepped towards a limit on every pass bounds it, in the loop's condition (<c>for (int i = 0; i &lt; 3 &amp;&amp; ...; i++)</c>,
    /// <c>while (... &amp;&amp; ++tries &lt; 3)</c>), in the <c>if</c> that continues on EINTR (<c>if (errno == EINTR &amp;&amp; ++tries &lt; 3)
    /// continue;</c>), or in an <c>if</c> that leaves the loop once it is reached (<c>if (errno != EINTR || ++tries &gt;= 3) return r;</c>).
    /// The counter is a local or parameter stepped by <c>++</c>/<c>--</c> or a constant <c>+=</c>/<c>-=</c> in that test, in the
    /// <c>for</c>'s increments or as a statement of the loop's body (or of the retrying <c>if</c>), never set with <c>=</c> in the
    /// loop; the limit is a constant, or a local, parameter or readonly field the loop does not write.
    /// </summary>
    private static bool IsBounded(SyntaxNode loop, ExpressionSyntax? condition, StatementSyntax loopBody, IfStatementSyntax? retryingIf, SemanticModel semanticModel)
    {
        var steps = new System.Collections.Generic.List<SyntaxNode>();
        if (loop is ForStatementSyntax forLoop)
        {
            steps.AddRange(forLoop.Incrementors);
        }

        steps.AddRange(StatementsOf(loopBody));
        if (retryingIf is not null)
        {
            steps.AddRange(StatementsOf(retryingIf.Statement));
        }

        if (condition is not null && HasCountingTest(condition, SyntaxKind.LogicalAndExpression, reached: false, loop, steps, semanticModel))
        {
            return true;
        }

        if (retryingIf is not null && Contains<ContinueStatementSyntax>(retryingIf.Statement)
            && HasCountingTest(retryingIf.Condition, SyntaxKind.LogicalAndExpression, reached: false, loop, steps, semanticModel))
        {
            return true;
        }

        foreach (SyntaxNode inner in loopBody.DescendantNodesAndSelf(descendIntoChildren: n => n == loopBody || !IsLoop(n)))
        {
            if (inner is IfStatementSyntax leaving && LeavesLoop(leaving.Statement)
                && HasCountingTest(leaving.Condition, SyntaxKind.LogicalOrExpression, reached: true, loop, steps, semanticModel))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statements a block runs on every pass at its top level (the statement itself when it is not a block).</summary>
    private static System.Collections.Generic.IEnumerable<SyntaxNode> StatementsOf(StatementSyntax statement) =>
        statement is BlockSyntax block ? block.Statements : new SyntaxNode[] { statement };

    /// <summary>
    /// Whether <paramref name="test"/>, or one of its top-level operands joined by <paramref name="joiner"/> (<c>&amp;&amp;</c> for a
    /// test that must hold to go round again, <c>||</c> for one that leaves), compares a counter the loop steps with a limit:
    /// one that still allows another pass (<paramref name="reached"/> false: <c>i &lt; n</c> counting up) or says the count is
    /// reached (true: <c>i &gt;= n</c> counting up, <c>i == n</c> counting by one).
    /// </summary>
    private static bool HasCountingTest(ExpressionSyntax test, SyntaxKind joiner, bool reached, SyntaxNode loop, System.Collections.Generic.List<SyntaxNode> steps, SemanticModel semanticModel)
    {
        while (test is ParenthesizedExpressionSyntax parenthesized)
        {
            test = parenthesized.Expression;
        }

        if (test is BinaryExpressionSyntax joined && joined.IsKind(joiner))
        {
            return HasCountingTest(joined.Left, joiner, reached, loop, steps, semanticModel) || HasCountingTest(joined.Right, joiner, reached, loop, steps, semanticModel);
        }

        if (test is not BinaryExpressionSyntax comparison)
        {
            return false;
        }

        // Read as "counter OP limit": the counter on the left, or on the right with the operator turned round.
        foreach ((ExpressionSyntax counter, ExpressionSyntax limit, bool turned) in new[] { (comparison.Left, comparison.Right, false), (comparison.Right, comparison.Left, true) })
        {
            if (CounterOf(counter, semanticModel, out ISymbol? variable, out int inTest) is not true || !IsLimit(limit, loop, semanticModel))
            {
                continue;
            }

            int direction = inTest != 0 ? inTest : StepOf(variable!, steps, semanticModel);
            if (direction == 0 || WrittenOtherwise(variable!, loop, semanticModel, direction))
            {
                continue;
            }

            SyntaxKind kind = comparison.Kind();
            bool less = kind is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression;
            bool greater = kind is SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression;
            if (turned)
            {
                (less, greater) = (greater, less);
            }

            // Counting up, "i < n" allows another pass and "i >= n" says the count is reached; counting down, the other way.
            bool allows = direction > 0 ? less : greater;
            bool says = direction > 0 ? greater : less;
            if (reached ? says || (kind == SyntaxKind.EqualsExpression && System.Math.Abs(direction) == 1) : allows)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="expression"/> is a local or parameter (<paramref name="variable"/>), bare or stepped by
    /// <c>++</c>/<c>--</c> there (<paramref name="inTest"/> +1 or -1, else 0).
    /// </summary>
    private static bool? CounterOf(ExpressionSyntax expression, SemanticModel semanticModel, out ISymbol? variable, out int inTest)
    {
        inTest = 0;
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix)
        {
            inTest = prefix.IsKind(SyntaxKind.PreIncrementExpression) ? 1 : -1;
            expression = prefix.Operand;
        }
        else if (expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix)
        {
            inTest = postfix.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1;
            expression = postfix.Operand;
        }

        variable = semanticModel.GetSymbolInfo(expression).Symbol;
        return expression is IdentifierNameSyntax && variable is ILocalSymbol or IParameterSymbol { RefKind: RefKind.None };
    }

    /// <summary>A limit the loop cannot move: a constant, or a local, parameter or readonly field it does not write.</summary>
    private static bool IsLimit(ExpressionSyntax limit, SyntaxNode loop, SemanticModel semanticModel)
    {
        if (semanticModel.GetConstantValue(limit).HasValue)
        {
            return true;
        }

        ISymbol? symbol = semanticModel.GetSymbolInfo(limit).Symbol;
        return symbol is IFieldSymbol { IsReadOnly: true }
            || symbol is ILocalSymbol or IParameterSymbol { RefKind: RefKind.None } && !IsWrittenIn(symbol, loop, semanticModel);
    }

    /// <summary>How <paramref name="steps"/> step the counter: +1 for <c>i++</c>, +k for <c>i += k</c> (a positive constant), -1/-k down; 0 for none.</summary>
    private static int StepOf(ISymbol variable, System.Collections.Generic.List<SyntaxNode> steps, SemanticModel semanticModel)
    {
        foreach (SyntaxNode step in steps)
        {
            ExpressionSyntax? expression = step is ExpressionStatementSyntax statement ? statement.Expression : step as ExpressionSyntax;
            int direction = expression switch
            {
                PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) && Is(p.Operand) => 1,
                PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostDecrementExpression) && Is(p.Operand) => -1,
                PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) && Is(p.Operand) => 1,
                PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreDecrementExpression) && Is(p.Operand) => -1,
                AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.AddAssignmentExpression) && Is(a.Left) => ConstantSign(a.Right),
                AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.SubtractAssignmentExpression) && Is(a.Left) => -ConstantSign(a.Right),
                _ => 0,
            };
            if (direction != 0)
            {
                return direction;
            }
        }

        return 0;

        bool Is(ExpressionSyntax operand) => SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(operand).Symbol, variable);

        // +2 for a positive constant step (not counted as a step of one), -2 for a negative one, 0 when not a constant.
        int ConstantSign(ExpressionSyntax value) => semanticModel.GetConstantValue(value).Value switch
        {
            int i when i != 0 => i > 0 ? (i == 1 ? 1 : 2) : (i == -1 ? -1 : -2),
            long l when l != 0 => l > 0 ? (l == 1 ? 1 : 2) : (l == -1 ? -1 : -2),
            _ => 0,
        };
    }

    /// <summary>Whether the loop sets the counter other than by stepping it in <paramref name="direction"/>: an assignment, or a step the other way.</summary>
    private static bool WrittenOtherwise(ISymbol variable, SyntaxNode loop, SemanticModel semanticModel, int direction)
    {
        // A for loop's initializers run once, before it: `for (i = 0; ...)` starts the count, it does not reset it.
        var parts = new System.Collections.Generic.List<SyntaxNode>();
        if (loop is ForStatementSyntax forLoop)
        {
            if (forLoop.Condition is not null)
            {
                parts.Add(forLoop.Condition);
            }

            parts.AddRange(forLoop.Incrementors);
            parts.Add(forLoop.Statement);
        }
        else
        {
            parts.Add(loop);
        }

        foreach (SyntaxNode part in parts)
        {
            if (Writes(part))
            {
                return true;
            }
        }

        return false;

        bool Writes(SyntaxNode part)
        {
            foreach (SyntaxNode node in part.DescendantNodesAndSelf())
            {
                ExpressionSyntax? target = node switch
                {
                    AssignmentExpressionSyntax a when !(a.IsKind(SyntaxKind.AddAssignmentExpression) && direction > 0 || a.IsKind(SyntaxKind.SubtractAssignmentExpression) && direction < 0) => a.Left,
                    PostfixUnaryExpressionSyntax p when p.IsKind(direction > 0 ? SyntaxKind.PostDecrementExpression : SyntaxKind.PostIncrementExpression) => p.Operand,
                    PrefixUnaryExpressionSyntax p when p.IsKind(direction > 0 ? SyntaxKind.PreDecrementExpression : SyntaxKind.PreIncrementExpression) => p.Operand,
                    ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
                    _ => null,
                };
                if (target is not null && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(target).Symbol, variable))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether the loop writes the symbol at all (an assignment, a step, a ref or out argument).</summary>
    private static bool IsWrittenIn(ISymbol symbol, SyntaxNode loop, SemanticModel semanticModel) =>
        WrittenOtherwise(symbol, loop, semanticModel, direction: 1) || WrittenOtherwise(symbol, loop, semanticModel, direction: -1);

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
