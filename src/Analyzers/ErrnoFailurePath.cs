using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001: the earlier P/Invoke an errno read is for when the last P/Invoke before it is not the one the code is
/// handling. Walking out from the read through the conditions its path passes (the left of an <c>&amp;&amp;</c> it is the
/// right of, the <c>if</c> or <c>?:</c> arm it is in, every <c>if</c> that leaves earlier in its blocks), the first
/// condition that tests a call for failure names the call: when that is an earlier P/Invoke and the last one was only
/// bit-tested, compared with unrelated values, shown to have succeeded or not tested at all, errno is read for the
/// earlier call's failure and the last call ran in between (<c>n = read(...); if (n &gt;= 0) return n;
/// flags = fcntl(fd, F_GETFL); if ((flags &amp; O_NONBLOCK) != 0 &amp;&amp; errno == EAGAIN)</c>).
/// </summary>
/// <remarks>
/// A test counts as one for failure only when it compares the result with a value that tells the failure apart: -1 or a
/// negative bound for a number, 0/<c>null</c>/<c>IntPtr.Zero</c>/-1 for a pointer or handle, <c>false</c> for a bool.
/// Anything the walk cannot read (a test of the last call it cannot classify, a loop, a <c>catch</c>, a <c>switch</c>,
/// a label, a result of another kind of call) ends it with no answer, so the rule only reports what the code says.
/// Syntax and constants only, so the straight-line path and the flow get the same answer.
/// </remarks>
internal static class ErrnoFailurePath
{
    private enum Verdict
    {
        /// <summary>The path takes the side where the call failed.</summary>
        Failure,

        /// <summary>The path takes a side where the call succeeded.</summary>
        Success,

        /// <summary>A bit test of the result: says nothing about failure.</summary>
        NotAFailureTest,

        /// <summary>Cannot tell.</summary>
        Unknown,
    }

    private enum ValueKind
    {
        Other,
        Bool,
        SignedNumber,
        Pointer,
    }

    /// <summary>
    /// The earlier P/Invoke (one of <paramref name="pinvokes"/>, the read's function's P/Invoke calls) whose failure
    /// the path to <paramref name="read"/> tests, when <paramref name="last"/> (the last P/Invoke before the read on
    /// every path) is not tested for failure on it; null otherwise.
    /// </summary>
    public static SyntaxNode? EarlierFailedCall(SyntaxNode read, SyntaxNode last, List<SyntaxNode> pinvokes, SemanticModel model, CancellationToken cancellationToken)
    {
        bool anyEarlier = false;
        foreach (SyntaxNode call in pinvokes)
        {
            anyEarlier |= call.SpanStart < last.SpanStart;
        }

        if (!anyEarlier)
        {
            return null;
        }

        return EarlierFailedCall(read, new Walk(last, pinvokes, model, cancellationToken));
    }

    // Walks out from the read, taking in the conditions on its path, until the walk says stop.
    private static SyntaxNode? EarlierFailedCall(SyntaxNode read, Walk walk)
    {
        SyntaxNode current = read;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case BinaryExpressionSyntax binary when current == binary.Right && binary.IsKind(SyntaxKind.LogicalAndExpression):
                    if (!walk.Step(binary.Left, true))
                    {
                        return walk.Found;
                    }

                    break;
                case BinaryExpressionSyntax binary when current == binary.Right && binary.IsKind(SyntaxKind.LogicalOrExpression):
                    if (!walk.Step(binary.Left, false))
                    {
                        return walk.Found;
                    }

                    break;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.CoalesceExpression) && current == binary.Right:
                    return null;
                case ConditionalExpressionSyntax conditional when current != conditional.Condition:
                    if (!walk.Step(conditional.Condition, current == conditional.WhenTrue))
                    {
                        return walk.Found;
                    }

                    break;
                case IfStatementSyntax ifStatement when current == ifStatement.Statement:
                    if (!walk.Step(ifStatement.Condition, true))
                    {
                        return walk.Found;
                    }

                    break;
                case ElseClauseSyntax { Parent: IfStatementSyntax ifStatement }:
                    if (!walk.Step(ifStatement.Condition, false))
                    {
                        return walk.Found;
                    }

                    break;
                case BlockSyntax block:
                    for (int i = block.Statements.IndexOf((StatementSyntax)current) - 1; i >= 0; i--)
                    {
                        StatementSyntax before = block.Statements[i];
                        if (before is LabeledStatementSyntax)
                        {
                            // A jump may arrive here from elsewhere.
                            return null;
                        }

                        if (before is IfStatementSyntax { Else: null } exiting && GuardingCondition.AlwaysLeaves(exiting.Statement) &&
                            !walk.Step(exiting.Condition, false))
                        {
                            return walk.Found;
                        }
                    }

                    break;
                case SwitchExpressionArmSyntax arm when current == arm.Expression && arm.Parent is SwitchExpressionSyntax switchExpression:
                    // The arm runs when no earlier arm matched and its own pattern (and when clause) did: `_` after `0` is `!= 0`.
                    if (!walk.StepArm(switchExpression.GoverningExpression, switchExpression.Arms, arm))
                    {
                        return walk.Found;
                    }

                    break;
                case SwitchSectionSyntax section when current is StatementSyntax && section.Parent is SwitchStatementSyntax switchStatement:
                    for (int i = section.Statements.IndexOf((StatementSyntax)current) - 1; i >= 0; i--)
                    {
                        if (section.Statements[i] is IfStatementSyntax { Else: null } exiting && GuardingCondition.AlwaysLeaves(exiting.Statement) &&
                            !walk.Step(exiting.Condition, false))
                        {
                            return walk.Found;
                        }

                        if (section.Statements[i] is LabeledStatementSyntax)
                        {
                            return null;
                        }
                    }

                    if (!walk.StepSection(switchStatement, section))
                    {
                        return walk.Found;
                    }

                    // The switch statement itself runs whenever the section does.
                    current = switchStatement;
                    continue;
                case IsPatternExpressionSyntax match when current == match.Expression:
                case SwitchExpressionSyntax switchExpression when current == switchExpression.GoverningExpression:
                case SwitchStatementSyntax switchStatement when current == switchStatement.Expression:
                case BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or ParenthesizedExpressionSyntax
                    or CastExpressionSyntax or CheckedExpressionSyntax or ArgumentSyntax or ArgumentListSyntax or BracketedArgumentListSyntax
                    or InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
                    or AssignmentExpressionSyntax or EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax
                    or InterpolationSyntax or InterpolatedStringExpressionSyntax or TupleExpressionSyntax or ThrowExpressionSyntax
                    or ConditionalExpressionSyntax or IfStatementSyntax or ElseClauseSyntax
                    or LocalDeclarationStatementSyntax or ExpressionStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax
                    or TryStatementSyntax or UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax or CheckedStatementSyntax
                    or UnsafeStatementSyntax:
                    // Runs whenever the read does, no condition of its own on the way (a try's block is entered from above).
                    break;
                default:
                    // The function's edge, a loop, an exception handler or finally, a switch, a pattern, a lambda: no answer.
                    return null;
            }

            current = parent;
        }

        return null;
    }

    /// <summary>
    /// The parameter of the read's own function whose failure the path to <paramref name="read"/> tests, when the first
    /// condition on the way that tests a value tests that parameter for failure (<c>rc &lt; 0 ? -errno : rc</c> in a
    /// checker given a call's result): errno is then for the caller's call, and anything the function ran before the read
    /// may have replaced it. A parameter the function writes to, or passes by reference, holds something else.
    /// </summary>
    public static string? FailedParameter(SyntaxNode read, SemanticModel model, CancellationToken cancellationToken)
    {
        var walk = new Walk(last: null, NoCalls, model, cancellationToken);
        if (EarlierFailedCall(read, walk) is not ParameterSyntax parameter)
        {
            return null;
        }

        string name = parameter.Identifier.ValueText;
        SyntaxNode? function = parameter.Parent;
        while (function is not null and not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax))
        {
            function = function.Parent;
        }

        if (function is null || parameter.Modifiers.Count > 0)
        {
            return null;
        }

        foreach (SyntaxNode node in function.DescendantNodes())
        {
            ExpressionSyntax? written = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                _ => null,
            };
            if (written is IdentifierNameSyntax { Identifier.ValueText: var target } && target == name)
            {
                return null;
            }
        }

        return name;
    }

    private static readonly List<SyntaxNode> NoCalls = new();

    /// <summary>What the walk knows so far.</summary>
    private sealed class Walk
    {
        // Null: the walk looks for a parameter tested for failure (FailedParameter), not for an earlier call.
        private readonly SyntaxNode? _last;
        private readonly List<SyntaxNode> _pinvokes;
        private readonly SemanticModel _model;
        private readonly CancellationToken _cancellationToken;
        private readonly List<(SyntaxNode? Call, Verdict Verdict)> _atoms = new();

        public Walk(SyntaxNode? last, List<SyntaxNode> pinvokes, SemanticModel model, CancellationToken cancellationToken)
        {
            _last = last;
            _pinvokes = pinvokes;
            _model = model;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The earlier call found to have failed, once <see cref="Step"/> said stop.</summary>
        public SyntaxNode? Found { get; private set; }

        /// <summary>
        /// Takes in a condition the path passes with the given outcome. False to stop: with <see cref="Found"/> set
        /// when it tests an earlier call for failure, null when it tests the last call for failure or cannot be read.
        /// </summary>
        public bool Step(ExpressionSyntax condition, bool outcome)
        {
            _atoms.Clear();
            Collect(condition, outcome, known: true);
            return Decide();
        }

        /// <summary>
        /// Takes in the way into a switch expression's <paramref name="arm"/>: every earlier arm's pattern did not match
        /// (an earlier arm with a <c>when</c> clause says nothing sure: the walk stops), its own pattern and <c>when</c> did.
        /// </summary>
        public bool StepArm(ExpressionSyntax governing, SeparatedSyntaxList<SwitchExpressionArmSyntax> arms, SwitchExpressionArmSyntax arm)
        {
            _atoms.Clear();
            foreach (SwitchExpressionArmSyntax earlier in arms)
            {
                if (earlier == arm)
                {
                    break;
                }

                if (earlier.WhenClause is not null)
                {
                    return false;
                }

                Match(governing, earlier.Pattern, outcome: false, known: true);
            }

            Match(governing, arm.Pattern, outcome: true, known: true);
            if (arm.WhenClause is { } when)
            {
                Collect(when.Condition, true, known: true);
            }

            return Decide();
        }

        /// <summary>
        /// Takes in the way into a switch statement's <paramref name="section"/>: one label with no <c>when</c> matched, or
        /// for <c>default</c>, no other label did. Several labels, a <c>when</c> clause or a <c>goto case</c> that may jump
        /// in: the walk stops.
        /// </summary>
        public bool StepSection(SwitchStatementSyntax switchStatement, SwitchSectionSyntax section)
        {
            _atoms.Clear();
            foreach (SyntaxNode node in switchStatement.DescendantNodes(n => !SyntaxFunctions.IsNested(n)))
            {
                if (node is GotoStatementSyntax { RawKind: (int)SyntaxKind.GotoCaseStatement or (int)SyntaxKind.GotoDefaultStatement })
                {
                    return false;
                }
            }

            bool isDefault = false;
            foreach (SwitchLabelSyntax label in section.Labels)
            {
                isDefault |= label is DefaultSwitchLabelSyntax;
            }

            if (!isDefault)
            {
                if (section.Labels.Count != 1 || !MatchLabel(switchStatement.Expression, section.Labels[0], outcome: true))
                {
                    return false;
                }

                return Decide();
            }

            // default: every other section's labels failed.
            foreach (SwitchSectionSyntax other in switchStatement.Sections)
            {
                foreach (SwitchLabelSyntax label in other.Labels)
                {
                    if (label is not DefaultSwitchLabelSyntax && !MatchLabel(switchStatement.Expression, label, outcome: false))
                    {
                        return false;
                    }
                }
            }

            return Decide();
        }

        // A case label as a pattern test; false for one with a when clause (its failure says nothing sure).
        private bool MatchLabel(ExpressionSyntax governing, SwitchLabelSyntax label, bool outcome)
        {
            switch (label)
            {
                case CaseSwitchLabelSyntax constant:
                    Compare(governing, SyntaxKind.EqualsExpression, constant.Value, outcome, known: true);
                    return true;
                case CasePatternSwitchLabelSyntax { WhenClause: null } pattern:
                    Match(governing, pattern.Pattern, outcome, known: true);
                    return true;
                default:
                    return false;
            }
        }

        // Whether the tests taken in say the walk goes on (see Step).
        private bool Decide()
        {
            if (_last is null)
            {
                // Looking for a parameter: the first condition that tests a value decides.
                foreach ((SyntaxNode? call, Verdict verdict) in _atoms)
                {
                    if (call is ParameterSyntax && verdict == Verdict.Failure)
                    {
                        Found = call;
                        return false;
                    }
                }

                return _atoms.Count == 0;
            }

            SyntaxNode? failed = null;
            foreach ((SyntaxNode? call, Verdict verdict) in _atoms)
            {
                if (call is null)
                {
                    // The result of a call that is not a P/Invoke: maybe a wrapper the read is for.
                    return false;
                }

                if (call == _last || call.SpanStart > _last.SpanStart)
                {
                    if (verdict is Verdict.Failure or Verdict.Unknown || call != _last)
                    {
                        return false;
                    }

                    continue;
                }

                switch (verdict)
                {
                    case Verdict.Failure:
                        if (failed is null || call.SpanStart > failed.SpanStart)
                        {
                            failed = call;
                        }

                        break;
                    case Verdict.Success:
                        break;
                    default:
                        return false;
                }
            }

            if (failed is not null)
            {
                Found = failed;
                return false;
            }

            return true;
        }

        // The tests in a condition, each with what it says about its call when the condition has the outcome given
        // (known false: the outcome of this part is not known, as in a failed &&).
        private void Collect(ExpressionSyntax condition, bool outcome, bool known)
        {
            condition = Strip(condition);
            switch (condition)
            {
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    Collect(not.Operand, !outcome, known);
                    return;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } logical:
                    // Both parts have the outcome only for a true && or a false ||.
                    bool both = known && outcome == logical.IsKind(SyntaxKind.LogicalAndExpression);
                    Collect(logical.Left, outcome, both);
                    Collect(logical.Right, outcome, both);
                    return;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression or (int)SyntaxKind.LessThanExpression
                    or (int)SyntaxKind.LessThanOrEqualExpression or (int)SyntaxKind.GreaterThanExpression or (int)SyntaxKind.GreaterThanOrEqualExpression } comparison:
                    Compare(comparison.Left, comparison.Kind(), comparison.Right, outcome, known);
                    return;
                case IsPatternExpressionSyntax pattern:
                    Match(pattern.Expression, pattern.Pattern, outcome, known);
                    return;
            }

            if (Tested(condition, out SyntaxNode? call) && call is not null)
            {
                // A bool result used as the condition itself: ok, !ok.
                _atoms.Add((call, known && KindOf(condition) == ValueKind.Bool ? (outcome ? Verdict.Success : Verdict.Failure) : Verdict.Unknown));
                return;
            }

            AddUnknownInside(condition);
        }

        private void Compare(ExpressionSyntax value, SyntaxKind op, ExpressionSyntax other, bool outcome, bool known)
        {
            if (!HasTestedValue(value))
            {
                (value, other) = (other, value);
                op = op switch
                {
                    SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
                    SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
                    SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
                    SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
                    _ => op,
                };
            }

            if (IsBitTest(value))
            {
                AddAll(value, Verdict.NotAFailureTest);
                AddUnknownInside(other);
                return;
            }

            if (!Tested(value, out SyntaxNode? call))
            {
                AddUnknownInside(value);
                AddUnknownInside(other);
                return;
            }

            AddUnknownInside(other);
            _atoms.Add((call, known && call is not null ? Judge(KindOf(value), op, ConstantOf(other), outcome, ZeroOnSuccess(call)) : Verdict.Unknown));
        }

        // A pattern test of a value: constants and relational patterns, through not, and, or and parentheses; `_` and
        // `var` match anything. Any other pattern (a type, a property pattern) says nothing sure.
        private void Match(ExpressionSyntax expression, PatternSyntax pattern, bool outcome, bool known)
        {
            switch (pattern)
            {
                case DiscardPatternSyntax or VarPatternSyntax:
                    return;
                case ParenthesizedPatternSyntax parenthesized:
                    Match(expression, parenthesized.Pattern, outcome, known);
                    return;
                case UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } negated:
                    Match(expression, negated.Pattern, !outcome, known);
                    return;
                case BinaryPatternSyntax binary:
                    // Both parts have the outcome only for a matched `and` or a failed `or`.
                    bool both = known && outcome == binary.IsKind(SyntaxKind.AndPattern);
                    Match(expression, binary.Left, outcome, both);
                    Match(expression, binary.Right, outcome, both);
                    return;
            }

            if (!Tested(expression, out SyntaxNode? call))
            {
                AddUnknownInside(expression);
                return;
            }

            (SyntaxKind op, ExpressionSyntax? constant) = pattern switch
            {
                ConstantPatternSyntax equal => (SyntaxKind.EqualsExpression, equal.Expression),
                RelationalPatternSyntax relational => (relational.OperatorToken.Kind() switch
                {
                    SyntaxKind.LessThanToken => SyntaxKind.LessThanExpression,
                    SyntaxKind.LessThanEqualsToken => SyntaxKind.LessThanOrEqualExpression,
                    SyntaxKind.GreaterThanToken => SyntaxKind.GreaterThanExpression,
                    _ => SyntaxKind.GreaterThanOrEqualExpression,
                }, relational.Expression),
                _ => (SyntaxKind.None, null),
            };
            _atoms.Add((call, known && call is not null && constant is not null
                ? Judge(KindOf(expression), op, ConstantOf(constant), outcome, ZeroOnSuccess(call))
                : Verdict.Unknown));
        }

        // Whether the call is known to return 0 on success and -1 on failure (ErrnoZeroOnSuccess).
        private bool ZeroOnSuccess(SyntaxNode call) =>
            _model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol method && ErrnoZeroOnSuccess.Is(method.ReducedFrom ?? method);

        /// <summary>
        /// What <c>result op constant</c> having <paramref name="outcome"/> says about the call. A number fails with a
        /// negative value (-1); 0 alone is left open (some conventions fail with 0). A pointer or handle fails with 0 or -1.
        /// </summary>
        private static Verdict Judge(ValueKind kind, SyntaxKind op, Constant constant, bool outcome, bool zeroOnSuccess)
        {
            if (!constant.Known)
            {
                return Verdict.Unknown;
            }

            if (kind == ValueKind.Pointer && op is not (SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression))
            {
                // nint is also ssize_t (read's count): an ordered comparison reads it as a number.
                kind = ValueKind.SignedNumber;
            }

            switch (kind)
            {
                case ValueKind.Bool when op is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression && constant.IsBool:
                    // ok == false on its true side, ok != true on its true side: the failure side.
                    bool sideHoldsFalse = Holds(op, 0, constant.Number) == outcome;
                    return sideHoldsFalse ? Verdict.Failure : Verdict.Success;
                case ValueKind.SignedNumber when !constant.IsBool && !constant.IsNull:
                {
                    long c = constant.Number;
                    if (c == 0 && op is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression)
                    {
                        // r != 0 is the failure side only of a call known to return 0 on success: a BOOL returned as int
                        // fails with 0, read succeeds with any count.
                        bool zeroSide = (op == SyntaxKind.EqualsExpression) == outcome;
                        return !zeroOnSuccess ? Verdict.Unknown : zeroSide ? Verdict.Success : Verdict.Failure;
                    }

                    bool failureOnSide = Holds(op, -1, c) == outcome;
                    if (failureOnSide)
                    {
                        // n < 0, n == -1, n <= 0 hold a failure; n != 5 or n < 4096 compare with unrelated values.
                        return c <= 0 ? Verdict.Failure : Verdict.Unknown;
                    }

                    // The side holds no negative value: success.
                    return Verdict.Success;
                }

                case ValueKind.Pointer when op is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression && !constant.IsBool:
                {
                    bool equalSide = (op == SyntaxKind.EqualsExpression) == outcome;
                    bool failureValue = constant.IsNull || constant.Number is 0 or -1;
                    if (failureValue)
                    {
                        return equalSide ? Verdict.Failure : Verdict.Success;
                    }

                    return equalSide ? Verdict.Success : Verdict.Unknown;
                }

                default:
                    return Verdict.Unknown;
            }
        }

        private static bool Holds(SyntaxKind op, long value, long constant) => op switch
        {
            SyntaxKind.EqualsExpression => value == constant,
            SyntaxKind.NotEqualsExpression => value != constant,
            SyntaxKind.LessThanExpression => value < constant,
            SyntaxKind.LessThanOrEqualExpression => value <= constant,
            SyntaxKind.GreaterThanExpression => value > constant,
            _ => value >= constant,
        };

        // (flags & O_NONBLOCK), mask | bit, value >> shift, flags.HasFlag(...): the result is looked at bit by bit.
        private bool IsBitTest(ExpressionSyntax value)
        {
            value = Strip(value);
            return value switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.BitwiseAndExpression or (int)SyntaxKind.BitwiseOrExpression or (int)SyntaxKind.ExclusiveOrExpression
                    or (int)SyntaxKind.LeftShiftExpression or (int)SyntaxKind.RightShiftExpression or (int)SyntaxKind.UnsignedRightShiftExpression } bits =>
                    HasTestedValue(bits.Left) || HasTestedValue(bits.Right),
                _ => false,
            };
        }

        private bool HasTestedValue(ExpressionSyntax expression) => Tested(expression, out _) || (IsBitTest(expression));

        private void AddAll(ExpressionSyntax expression, Verdict verdict)
        {
            foreach (SyntaxNode node in expression.DescendantNodesAndSelf(n => !SyntaxFunctions.IsNested(n)))
            {
                if (node is ExpressionSyntax part && Tested(part, out SyntaxNode? call))
                {
                    _atoms.Add((call, verdict));
                }
            }
        }

        // Every call result inside a part the walk cannot read: unknown.
        private void AddUnknownInside(ExpressionSyntax expression) => AddAll(expression, Verdict.Unknown);

        /// <summary>
        /// Whether an expression is a call's result: a P/Invoke called right there, or a local (or a part of one,
        /// <c>fds.In</c>) the last P/Invoke stored into before it; <paramref name="call"/> null for a local that holds the
        /// result of another kind of call (<c>int r = Wrapper(fd);</c>).
        /// </summary>
        private bool Tested(ExpressionSyntax expression, out SyntaxNode? call)
        {
            call = null;
            expression = Strip(expression);
            if (expression is InvocationExpressionSyntax)
            {
                if (_pinvokes.Contains(expression))
                {
                    call = expression;
                    return true;
                }

                return false;
            }

            string? part = null;
            IdentifierNameSyntax? name = expression switch
            {
                IdentifierNameSyntax identifier when identifier.Parent is not MemberAccessExpressionSyntax { Name: var member } || member != identifier => identifier,
                MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax identifier } => identifier,
                _ => null,
            };
            ISymbol? symbol = name is null ? null : _model.GetSymbolInfo(name, _cancellationToken).Symbol;
            if (_last is null && name is not null && name == expression && symbol is IParameterSymbol { DeclaringSyntaxReferences.Length: 1 } parameter &&
                parameter.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is ParameterSyntax parameterSyntax && SameFunction(name, parameterSyntax))
            {
                // A parameter of the read's own function: the result of whatever call the caller passed.
                call = parameterSyntax;
                return true;
            }

            if (name is null || symbol is not ILocalSymbol local)
            {
                return false;
            }

            part = ErrnoGuardCall.TestedPart(name);
            foreach (SyntaxNode pinvoke in _pinvokes)
            {
                if (pinvoke.SpanStart >= expression.SpanStart || (call is not null && pinvoke.SpanStart <= call.SpanStart) ||
                    ErrnoGuardCall.StoreOf(pinvoke, out string? storedPart, out string? element) is not { } store || !ErrnoGuardCall.Tests(part, storedPart, element))
                {
                    continue;
                }

                ISymbol? stored = store is IdentifierNameSyntax
                    ? _model.GetSymbolInfo(store, _cancellationToken).Symbol
                    : _model.GetDeclaredSymbol(store, _cancellationToken);
                if (SymbolEqualityComparer.Default.Equals(stored, local))
                {
                    call = pinvoke;
                }
            }

            if (call is not null)
            {
                return true;
            }

            // No P/Invoke stored there: a local set from another call is that call's result; any other local is just data.
            foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial } &&
                    Strip(initial) is InvocationExpressionSyntax or AwaitExpressionSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        // Whether the parameter belongs to the function the use is in (not to a lambda or method around it).
        private static bool SameFunction(SyntaxNode use, ParameterSyntax parameter)
        {
            for (SyntaxNode? current = use.Parent; current is not null; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)
                {
                    return current.Span.Contains(parameter.Span);
                }
            }

            return false;
        }

        private ValueKind KindOf(ExpressionSyntax value)
        {
            ITypeSymbol? type = _model.GetTypeInfo(Strip(value), _cancellationToken).Type;
            return type switch
            {
                { SpecialType: SpecialType.System_Boolean } => ValueKind.Bool,
                { SpecialType: SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 } => ValueKind.SignedNumber,
                { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr } or IPointerTypeSymbol => ValueKind.Pointer,
                _ => ValueKind.Other,
            };
        }

        private Constant ConstantOf(ExpressionSyntax expression)
        {
            expression = Strip(expression);
            if (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Zero" } zero &&
                _model.GetTypeInfo(zero, _cancellationToken).Type?.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
            {
                return new Constant(known: true, isNull: false, isBool: false, number: 0);
            }

            if (expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax)
            {
                return new Constant(known: true, isNull: false, isBool: false, number: 0);
            }

            Optional<object?> value = _model.GetConstantValue(expression, _cancellationToken);
            return value switch
            {
                { HasValue: false } => default,
                { Value: null } => new Constant(known: true, isNull: true, isBool: false, number: 0),
                { Value: bool flag } => new Constant(known: true, isNull: false, isBool: true, number: flag ? 1 : 0),
                { Value: sbyte or short or int or long or byte or ushort or uint } => new Constant(known: true, isNull: false, isBool: false, number: System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture)),
                _ => default,
            };
        }

        private static ExpressionSyntax Strip(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        break;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        break;
                    case CheckedExpressionSyntax @checked:
                        expression = @checked.Expression;
                        break;
                    default:
                        return expression;
                }
            }
        }
    }

    /// <summary>A compile-time value: a number, a bool (as 1/0) or null.</summary>
    private readonly struct Constant
    {
        public Constant(bool known, bool isNull, bool isBool, long number)
        {
            Known = known;
            IsNull = isNull;
            IsBool = isBool;
            Number = number;
        }

        public bool Known { get; }

        public bool IsNull { get; }

        public bool IsBool { get; }

        public long Number { get; }
    }
}
