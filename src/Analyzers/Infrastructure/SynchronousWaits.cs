using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Whether an operation's task is waited for synchronously where the code starts it, so the operation ends before the
/// frame (or a <c>fixed</c> pin) does: ASYS1004 does not report stack memory given to such an operation.
/// </summary>
internal static class SynchronousWaits
{
    /// <summary>
    /// <c>Op(p).GetAwaiter().GetResult()</c>, also through <c>AsTask()</c> and <c>ConfigureAwait(...)</c>, or the Task of
    /// <c>AsTask()</c> waited with <c>Wait()</c> or <c>.Result</c>; a value given as an argument to a call waited so
    /// (<c>ring.SubmitAsync(RingRequest.SendMsg(...)).GetAwaiter().GetResult()</c>, or the call kept in a local waited
    /// so: the request's memory is read by the submitted operation); or a task kept in a local whose every use is such a wait, with no <c>return</c> or
    /// <c>throw</c> between its start and the first wait (the frame is left only after the wait).
    /// </summary>
    public static bool IsWaitedOnTheSpot(IInvocationOperation call)
    {
        IOperation started = Outermost(call);
        if (IsWaited(started))
        {
            return true;
        }

        if (started.Parent is IArgumentOperation { Parent: IInvocationOperation consumer } && IsWaitedOnTheSpot(consumer))
        {
            return true;
        }

        return started.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } } &&
            IsLocalWaitedBeforeLeaving(started, local);
    }

    /// <summary>The value itself, through conversions and parentheses.</summary>
    private static IOperation Outermost(IOperation value)
    {
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
        {
            value = value.Parent;
        }

        return value;
    }

    /// <summary>Whether the task <paramref name="task"/> evaluates to is waited for right there.</summary>
    private static bool IsWaited(IOperation task)
    {
        bool converted = false;
        while (true)
        {
            switch (task.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "AsTask" or "ConfigureAwait" } through when through.Instance == task:
                    converted |= through.TargetMethod.Name == "AsTask";
                    task = Outermost(through);
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } } awaiter
                    when awaiter.Instance == task:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Wait" } wait when converted && wait.Instance == task:
                    return true;
                case IPropertyReferenceOperation { Property.Name: "Result" } result when converted && result.Instance == task:
                    return true;
                default:
                    return false;
            }
        }
    }

    private static bool IsLocalWaitedBeforeLeaving(IOperation started, ILocalSymbol local)
    {
        IOperation root = started;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        int? firstWait = null;
        foreach (IOperation node in root.Descendants())
        {
            if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                if (!IsWaited(Outermost(reference)))
                {
                    return false;
                }

                int at = reference.Syntax.SpanStart;
                firstWait = firstWait is { } known && known < at ? known : at;
            }
        }

        if (firstWait is not { } waitAt)
        {
            return false;
        }

        // A `return` or `throw` that ends before the wait leaves the frame with the operation running; the one that
        // returns the wait's own result (`return send.AsTask().GetAwaiter().GetResult();`) leaves after it.
        int startedAt = started.Syntax.Span.End;
        return !root.Descendants().Any(node =>
            node is IReturnOperation or IThrowOperation && node.Syntax.SpanStart > startedAt && node.Syntax.Span.End <= waitAt);
    }
}
