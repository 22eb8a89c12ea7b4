using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1006: an operation's ValueTask returned by a lambda that becomes a <c>Func&lt;TResult&gt;</c> of a generic call whose
/// result wraps it (<c>Task.Run(() =&gt; ring.SendAsync(...))</c> binds <c>Task.Run&lt;ValueTask&lt;int&gt;&gt;</c>, a
/// <c>Task&lt;ValueTask&lt;int&gt;&gt;</c>), when that result, or what awaiting it yields, is dropped: the ValueTask is then
/// never observed, though the code looks as if it awaited the operation.
/// </summary>
/// <remarks>
/// Only a delegate whose return type is a type parameter of the called method, with the method returning
/// <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c> of it, is followed: that is what says the call hands the lambda's result
/// back unawaited (<c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>ContinueWith</c>). A <c>Func&lt;ValueTask&gt;</c>
/// parameter (a retry helper, <c>Task.Run(Func&lt;Task&gt;)</c>'s kin) is the callee's to await and is not reported; an
/// async lambda that awaits the operation is not either.
/// </remarks>
internal static class DroppedDelegateResults
{
    /// <summary>The generic call that carries the call's task out of the lambda returning it, when the code drops what that call gives back.</summary>
    public static IInvocationOperation? DroppedWrapper(IInvocationOperation call)
    {
        IOperation current = call;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IReturnOperation)
        {
            return null;
        }

        IOperation? function = current.Parent.Parent;
        while (function is not null and not IAnonymousFunctionOperation)
        {
            if (function is ILocalFunctionOperation or IMethodBodyOperation)
            {
                return null;
            }

            function = function.Parent;
        }

        IOperation? handed = function?.Parent;
        while (handed is IDelegateCreationOperation or IConversionOperation)
        {
            handed = handed.Parent;
        }

        if (handed is not IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation wrapper } ||
            !wrapper.TargetMethod.IsGenericMethod ||
            parameter.OriginalDefinition.Type is not INamedTypeSymbol { DelegateInvokeMethod.ReturnType: ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } result } ||
            wrapper.TargetMethod.OriginalDefinition.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } wrapped ||
            !SymbolEqualityComparer.Default.Equals(wrapped.TypeArguments[0], result))
        {
            return null;
        }

        return IsDropped(wrapper) ? wrapper : null;
    }

    /// <summary>Dropped itself, or awaited (configured or not) with the await's result dropped.</summary>
    private static bool IsDropped(IOperation wrapper)
    {
        IOperation current = Outer(wrapper);
        if (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == current)
        {
            current = Outer(configured);
        }

        if (current.Parent is IAwaitOperation awaited)
        {
            current = Outer(awaited);
        }

        return current.Parent is IExpressionStatementOperation || current.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation };

        static IOperation Outer(IOperation operation)
        {
            while (operation.Parent is IConversionOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
