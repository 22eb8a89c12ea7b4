using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001 without an operation tree or a control flow graph, for the common shape: a function whose only errno
/// sources are awaits (no P/Invoke, no errno setter, no <c>await using</c> or <c>await foreach</c>), and an errno
/// read reached from the last await or call before it along straight-line code (statements of one block, the
/// condition of the <c>if</c> the read sits in). There errno at the read is known without the flow: right after
/// <c>await X(...)</c> it belongs to whatever thread resumed, right after an ordinary call it is that call's.
/// </summary>
/// <remarks>
/// Works on syntax and the symbols of the calls in the function (each bound on its own, which binds only its
/// statement). Anything else between the read and its source (a loop or try boundary, a label, a jump, a branch
/// that may skip a call, a compound statement, code the compiler expands into calls of its own) makes the answer
/// <see cref="Verdict.Unknown"/> and the caller runs the full flow. The answers here are exactly those the flow
/// gives for these shapes (a test runs both), so a function is decided here in full or not at all.
/// </remarks>
internal sealed class ErrnoStraightLine
{
    private readonly CodeRootContext _context;
    private readonly AsyncSysApi _api;
    private readonly Dictionary<SyntaxNode, Kind> _kinds = new();
    private readonly List<SyntaxNode> _nodes = new();

    public ErrnoStraightLine(CodeRootContext context, AsyncSysApi api)
    {
        _context = context;
        _api = api;
    }

    /// <summary>What is known at one errno read.</summary>
    public enum Verdict
    {
        /// <summary>Needs the flow over the control flow graph.</summary>
        Unknown,

        /// <summary>errno still describes the code before it: nothing to report.</summary>
        Quiet,

        /// <summary>The await named by the caller's out value came last: errno is another thread's.</summary>
        AfterAwait,
    }

    /// <summary>What the function as a whole needs.</summary>
    public enum Outcome
    {
        /// <summary>No P/Invoke, errno setter or await: every read reports on a call out of sight, never reported.</summary>
        NothingToCheck,

        /// <summary>Every read decided; the reports are in the list.</summary>
        Decided,

        /// <summary>The flow over the control flow graph decides.</summary>
        NeedsFlow,
    }

    /// <summary>What a call or creation is to errno.</summary>
    private enum Kind
    {
        /// <summary>Not known from the symbol alone (unresolved, dynamic, a function pointer, a default struct constructor).</summary>
        Unknown,

        /// <summary>Cannot change errno (managed-only types), or is no call at all (nameof, a delegate creation).</summary>
        Pure,

        /// <summary>An ordinary call that may set errno.</summary>
        Call,

        /// <summary>A read of errno.</summary>
        Read,

        /// <summary>A P/Invoke or Marshal's errno setter: the flow follows which one errno describes.</summary>
        Source,
    }

    /// <summary>Tests set this to check that the flow over the graph gives the same answers on the same shapes.</summary>
    internal static volatile bool GraphOnly;

    /// <summary>Decides every read of <paramref name="function"/> (confirmed errno reads, in source order) or none.</summary>
    public Outcome Decide(SyntaxNode function, List<SyntaxNode> reads, List<(SyntaxNode Read, AwaitExpressionSyntax Await)> reports)
    {
        bool awaits = false, needsFlow = false;
        List<SyntaxNode> nodes = Nodes(function);
        foreach (SyntaxNode node in nodes)
        {
            switch (node)
            {
                case AwaitExpressionSyntax:
                    awaits = true;
                    break;
                case CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                case UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                    // Hidden awaits: errno sources the flow follows through their own blocks.
                    needsFlow = true;
                    break;
                case InvocationExpressionSyntax call:
                    switch (KindOf(call))
                    {
                        case Kind.Source or Kind.Unknown:
                            needsFlow = true;
                            break;
                    }

                    break;
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression or (int)SyntaxKind.ComplexElementInitializerExpression }:
                case QueryExpressionSyntax:
                case CollectionExpressionSyntax:
                    // Calls the compiler writes (Add, Select, the collection's builder) that the syntax does not show.
                    needsFlow = true;
                    break;
            }
        }

        if (!needsFlow && !awaits)
        {
            return Outcome.NothingToCheck;
        }

        if (needsFlow || GraphOnly)
        {
            return Outcome.NeedsFlow;
        }

        foreach (SyntaxNode read in reads)
        {
            switch (DecideRead(read, out AwaitExpressionSyntax? lastAwait))
            {
                case Verdict.Unknown:
                    reports.Clear();
                    return Outcome.NeedsFlow;
                case Verdict.AfterAwait:
                    reports.Add((read, lastAwait!));
                    break;
            }
        }

        return Outcome.Decided;
    }

    /// <summary>What errno is at <paramref name="read"/>; for <see cref="Verdict.AfterAwait"/>, the await.</summary>
    private Verdict DecideRead(SyntaxNode read, out AwaitExpressionSyntax? lastAwait)
    {
        lastAwait = null;
        SyntaxNode? current = read;
        while (current is not null && current is not StatementSyntax)
        {
            if (current is AnonymousFunctionExpressionSyntax or ArrowExpressionClauseSyntax)
            {
                // An expression-bodied function: no statements to walk.
                return Verdict.Unknown;
            }

            current = current.Parent;
        }

        if (current is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } or ReturnStatementSyntax or ThrowStatementSyntax or IfStatementSyntax))
        {
            return Verdict.Unknown;
        }

        if (current is IfStatementSyntax ifWithRead && !ifWithRead.Condition.Span.Contains(read.Span))
        {
            return Verdict.Unknown;
        }

        // In the read's own statement only events that contain the read or come after it may appear.
        SyntaxNode own = current is IfStatementSyntax readInCondition ? readInCondition.Condition : current;
        foreach (SyntaxNode node in Nodes(own))
        {
            if (node != read && node.Span.End <= read.SpanStart && EventOf(node) is not Kind.Pure and not Kind.Read)
            {
                return Verdict.Unknown;
            }
        }

        // Backwards through what runs right before, until an event decides or the path joins another.
        while (true)
        {
            SyntaxNode? parent = current.Parent;
            switch (parent)
            {
                case BlockSyntax block:
                {
                    int index = block.Statements.IndexOf((StatementSyntax)current);
                    for (int i = index - 1; i >= 0; i--)
                    {
                        StatementSyntax statement = block.Statements[i];
                        if (statement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } or EmptyStatementSyntax))
                        {
                            return Verdict.Unknown;
                        }

                        Verdict? verdict = Chunk(statement, out lastAwait);
                        if (verdict is not null)
                        {
                            return verdict.Value;
                        }
                    }

                    current = block;
                    break;
                }

                case IfStatementSyntax ifStatement when current == ifStatement.Statement:
                case ElseClauseSyntax { Parent: IfStatementSyntax } when parent.Parent is IfStatementSyntax:
                {
                    var owner = parent as IfStatementSyntax ?? (IfStatementSyntax)parent.Parent!;
                    if (_context.Model.GetConstantValue(owner.Condition, _context.CancellationToken).HasValue)
                    {
                        // A constant condition makes one arm unreachable, which only the graph knows.
                        return Verdict.Unknown;
                    }

                    Verdict? verdict = Chunk(owner.Condition, out lastAwait);
                    if (verdict is not null)
                    {
                        return verdict.Value;
                    }

                    current = owner;
                    break;
                }

                // The start of the function: errno at entry describes nothing the rule reports.
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax
                    or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax when current is BlockSyntax:
                    return Verdict.Quiet;

                default:
                    // Loops, try, switch, labels, using, lock, constructors with initializers: paths join here.
                    return Verdict.Unknown;
            }
        }
    }

    /// <summary>null: nothing in the chunk touches errno, keep walking back.</summary>
    private Verdict? Chunk(SyntaxNode chunk, out AwaitExpressionSyntax? lastAwait)
    {
        lastAwait = null;
        AwaitExpressionSyntax? await = null;
        int awaits = 0;
        bool unconditionalCall = false;
        List<SyntaxNode>? calls = null;
        foreach (SyntaxNode node in Nodes(chunk))
        {
            switch (EventOf(node))
            {
                case Kind.Unknown:
                    return Verdict.Unknown;
                case Kind.Call when node is AwaitExpressionSyntax found:
                    await = found;
                    awaits++;
                    break;
                case Kind.Call:
                    (calls ??= new List<SyntaxNode>()).Add(node);
                    unconditionalCall |= !MaySkip(node, chunk);
                    break;
            }
        }

        if (await is null)
        {
            if (calls is null)
            {
                return null;
            }

            // No P/Invoke in the function: every call leaves errno as that call set it, which the rule never reports.
            return unconditionalCall ? Verdict.Quiet : Verdict.Unknown;
        }

        // One await on every path through the chunk, nothing after it, and a call right before it (its operand)
        // that wipes whatever earlier awaits left: errno is exactly "after this await".
        if (awaits != 1 || MaySkip(await, chunk) || Strip(await.Expression) is not InvocationExpressionSyntax operandCall ||
            EventOf(operandCall) != Kind.Call)
        {
            return Verdict.Unknown;
        }

        foreach (SyntaxNode call in calls ?? new List<SyntaxNode>())
        {
            if (!await.Expression.Span.Contains(call.Span))
            {
                return Verdict.Unknown;
            }
        }

        lastAwait = await;
        return Verdict.AfterAwait;
    }

    /// <summary>
    /// What a node is to the flow: an await or a call that may set errno (<see cref="Kind.Call"/>), an errno read,
    /// nothing (<see cref="Kind.Pure"/>), or code the compiler expands into calls the syntax does not show (<see cref="Kind.Unknown"/>).
    /// </summary>
    private Kind EventOf(SyntaxNode node) => node switch
    {
        AwaitExpressionSyntax => Kind.Call,
        InvocationExpressionSyntax call => KindOf(call),
        BaseObjectCreationExpressionSyntax creation => KindOf(creation),
        // Deconstruct calls, Slice on a range, the builder of an interpolated string handler.
        AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } => Kind.Unknown,
        RangeExpressionSyntax => Kind.Unknown,
        InterpolatedStringExpressionSyntax interpolated => IsPlainString(interpolated) ? Kind.Pure : Kind.Unknown,
        _ => Kind.Pure,
    };

    private Kind KindOf(SyntaxNode node)
    {
        if (_kinds.TryGetValue(node, out Kind known))
        {
            return known;
        }

        Kind kind = node switch
        {
            InvocationExpressionSyntax call => Classify(call),
            BaseObjectCreationExpressionSyntax creation => Classify(creation),
            _ => Kind.Pure,
        };
        _kinds[node] = kind;
        return kind;
    }

    private Kind Classify(InvocationExpressionSyntax call)
    {
        ISymbol? symbol = _context.SymbolOf(call);
        if (symbol is not IMethodSymbol method)
        {
            return symbol is null && call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } ? Kind.Pure : Kind.Unknown;
        }

        if (method.MethodKind == MethodKind.FunctionPointerSignature)
        {
            return Kind.Unknown;
        }

        method = method.ReducedFrom ?? method;
        if (ErrnoReadTooLateAnalyzer.IsErrnoReadMethod(_api, method))
        {
            return Kind.Read;
        }

        if (ErrnoReadTooLateAnalyzer.IsErrnoSetter(_api, method) || _api.IsPInvoke(method))
        {
            return Kind.Source;
        }

        return ErrnoReadTooLateAnalyzer.CannotTouchErrno(method) ? Kind.Pure : Kind.Call;
    }

    private Kind Classify(BaseObjectCreationExpressionSyntax creation)
    {
        if (_context.Model.GetTypeInfo(creation, _context.CancellationToken).Type is { TypeKind: TypeKind.Delegate })
        {
            return Kind.Pure;
        }

        if (_context.SymbolOf(creation) is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ||
            (constructor.IsImplicitlyDeclared && constructor.ContainingType.IsValueType))
        {
            return Kind.Unknown;
        }

        return ErrnoReadTooLateAnalyzer.IsErrnoReadConstructor(_api, constructor) ? Kind.Read : Kind.Call;
    }

    /// <summary>Whether an interpolated string is just a string (no handler type whose methods the compiler calls).</summary>
    private bool IsPlainString(InterpolatedStringExpressionSyntax interpolated)
    {
        ITypeSymbol? type = _context.Model.GetTypeInfo(interpolated, _context.CancellationToken).ConvertedType;
        return type is null || type.SpecialType is SpecialType.System_String or SpecialType.System_Object ||
               type.Name is "IFormattable" or "FormattableString";
    }

    // The nodes of a chunk that run as part of it: nested functions run at another time.
    private List<SyntaxNode> Nodes(SyntaxNode chunk)
    {
        _nodes.Clear();
        SyntaxFunctions.CollectOwnNodes(chunk, _nodes);
        return _nodes;
    }

    // Whether some path through the chunk may skip the node: it sits in an arm of a conditional.
    private static bool MaySkip(SyntaxNode node, SyntaxNode chunk)
    {
        for (SyntaxNode? current = node.Parent; current is not null && chunk.Span.Contains(current.Span); current = current.Parent)
        {
            switch (current)
            {
                case ConditionalExpressionSyntax or ConditionalAccessExpressionSyntax or SwitchExpressionSyntax or IsPatternExpressionSyntax:
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression }:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression or (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression }:
                    return true;
            }
        }

        return false;
    }

    private static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                default:
                    return expression;
            }
        }
    }
}
