using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001 without a control flow graph, for the common shape: a body whose only errno sources are awaits
/// (no P/Invoke, no errno setter, no <c>await using</c> or <c>await foreach</c>), and an errno read reached
/// from the last await or call before it along straight-line code (statements of one block, the condition of
/// the <c>if</c> the read sits in). There errno at the read is known without the flow: right after
/// <c>await X(...)</c> it belongs to whatever thread resumed, right after an ordinary call it is that call's.
/// </summary>
/// <remarks>
/// Anything else between the read and its source (a loop or try boundary, a label, a jump, a branch that may
/// skip a call, a compound statement) makes the answer <see cref="Verdict.Unknown"/>, and the caller runs the
/// full flow. The answers here are exactly those the flow gives for these shapes, so a body either is decided
/// here in full or not at all.
/// </remarks>
internal static class ErrnoStraightLine
{
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

    /// <summary>Tests set this to check that the flow over the graph gives the same answers on the same shapes.</summary>
    internal static volatile bool GraphOnly;

    /// <summary>Whether the body can be decided here at all: awaits are its only errno sources.</summary>
    public static bool Applies(AsyncSysApi api, FunctionBody body)
    {
        if (GraphOnly)
        {
            return false;
        }

        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case IInvocationOperation call when api.IsPInvoke(call.TargetMethod) || ErrnoReadTooLateAnalyzer.IsErrnoSetter(api, call.TargetMethod):
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                case IForEachLoopOperation { IsAsynchronous: true }:
                    return false;
            }
        }

        return true;
    }

    /// <summary>What errno is at <paramref name="read"/>; for <see cref="Verdict.AfterAwait"/>, the await.</summary>
    public static Verdict Decide(AsyncSysApi api, FunctionBody body, IOperation read, out IAwaitOperation? lastAwait)
    {
        lastAwait = null;
        SyntaxNode? current = read.Syntax;
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

        if (current is IfStatementSyntax ifWithRead && !ifWithRead.Condition.Span.Contains(read.Syntax.Span))
        {
            return Verdict.Unknown;
        }

        // In the read's own statement only events that contain the read or come after it may appear.
        foreach (IOperation operation in body.Operations)
        {
            if (operation != read && IsEvent(api, operation) && current.Span.Contains(operation.Syntax.Span) &&
                operation.Syntax.Span.End <= read.Syntax.SpanStart)
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

                        Verdict? verdict = Chunk(api, body, statement, out lastAwait);
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
                    IOperation? condition = OperationAt(body, owner.Condition);
                    if (condition is null || condition.ConstantValue.HasValue)
                    {
                        // A constant condition makes one arm unreachable, which only the graph knows.
                        return Verdict.Unknown;
                    }

                    Verdict? verdict = Chunk(api, body, owner.Condition, out lastAwait);
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
    private static Verdict? Chunk(AsyncSysApi api, FunctionBody body, SyntaxNode chunk, out IAwaitOperation? lastAwait)
    {
        lastAwait = null;
        IAwaitOperation? await = null;
        int awaits = 0;
        bool unconditionalCall = false;
        List<IOperation>? calls = null;
        foreach (IOperation operation in body.Operations)
        {
            if (!chunk.Span.Contains(operation.Syntax.Span))
            {
                continue;
            }

            if (operation is IDeconstructionAssignmentOperation)
            {
                // The graph lowers it into Deconstruct calls.
                return Verdict.Unknown;
            }

            if (!IsEvent(api, operation))
            {
                continue;
            }

            if (operation is IAwaitOperation found)
            {
                await = found;
                awaits++;
                continue;
            }

            (calls ??= new List<IOperation>()).Add(operation);
            unconditionalCall |= !MaySkip(operation, chunk);
        }

        if (await is null)
        {
            if (calls is null)
            {
                return null;
            }

            // No P/Invoke in the body: every call leaves errno as that call set it, which the rule never reports.
            return unconditionalCall ? Verdict.Quiet : Verdict.Unknown;
        }

        // One await on every path through the chunk, nothing after it, and a call right before it (its operand)
        // that wipes whatever earlier awaits left: errno is exactly "after this await".
        if (awaits != 1 || MaySkip(await, chunk) || Strip(await.Operation) is not IInvocationOperation operandCall ||
            !IsEvent(api, operandCall))
        {
            return Verdict.Unknown;
        }

        foreach (IOperation call in calls ?? new List<IOperation>())
        {
            if (!await.Operation.Syntax.Span.Contains(call.Syntax.Span))
            {
                return Verdict.Unknown;
            }
        }

        lastAwait = await;
        return Verdict.AfterAwait;
    }

    /// <summary>The events of <see cref="ErrnoReadTooLateAnalyzer"/>'s flow, errno reads excepted (they leave errno as it is).</summary>
    private static bool IsEvent(AsyncSysApi api, IOperation operation) => operation switch
    {
        IAwaitOperation => true,
        IInvocationOperation invocation => !ErrnoReadTooLateAnalyzer.CannotTouchErrno(invocation.TargetMethod) && !ErrnoReadTooLateAnalyzer.IsErrnoRead(api, operation),
        IObjectCreationOperation creation => creation.Constructor is not null && !ErrnoReadTooLateAnalyzer.IsErrnoRead(api, operation),
        _ => false,
    };

    // Whether some path through the chunk may skip the operation: it sits in an arm of a conditional.
    private static bool MaySkip(IOperation operation, SyntaxNode chunk)
    {
        for (IOperation? current = operation.Parent; current is not null && chunk.Span.Contains(current.Syntax.Span); current = current.Parent)
        {
            switch (current)
            {
                case IConditionalOperation or IConditionalAccessOperation or ICoalesceOperation or ICoalesceAssignmentOperation
                    or ISwitchExpressionOperation or IIsPatternOperation:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                    return true;
            }
        }

        return false;
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static IOperation? OperationAt(FunctionBody body, SyntaxNode syntax)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation.Syntax == syntax)
            {
                return operation;
            }
        }

        return null;
    }
}
