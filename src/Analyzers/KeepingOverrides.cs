using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Since session 56: a <c>Stream</c> override of this compilation that starts an operation on its caller's buffer, keeps the
/// operation's task in a field of its object and returns (<c>_previous = ring.WriteAsync(fd, buffer, ...).AsTask();</c> in a
/// pipelining <c>WriteAsync</c>). <c>Stream</c>'s contract lets the caller reuse its buffer as soon as the returned task
/// ends, so at the caller the buffer is still in flight after the call, awaited or not, and its next fill or release
/// races the operation (ASYS1005 reports it at the caller, where the buffer is touched).
/// </summary>
/// <remarks>
/// Only overrides of a member of <c>System.IO.Stream</c> (the contract is <c>Stream</c>'s; another method that keeps an
/// operation may have its own way of saying when it ends, not followed), only parameters of a buffer's type that the
/// operation is given as themselves or a view, only a task (or its <c>AsTask()</c>/<c>Preserve()</c>) assigned to an
/// instance field of the same object, and only when the method names that field nowhere after the assignment in its
/// source (an <c>await _previous;</c> later in the method ends the operation before it returns).
/// </remarks>
internal static class KeepingOverrides
{
    /// <summary>The ordinals of the parameters kept in flight, and the field the operation's task is kept in.</summary>
    internal sealed class Kept
    {
        public Kept(List<int> parameters, IFieldSymbol field)
        {
            Parameters = parameters;
            Field = field;
        }

        public List<int> Parameters { get; }

        public IFieldSymbol Field { get; }
    }

    /// <summary>Decides <see cref="AsyncSysApi.KeptByOverride"/> for an override's definition by binding its body.</summary>
    public static Kept? Decide(AsyncSysApi api, IMethodSymbol method)
    {
        if (!OverridesStream(method) || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        SyntaxReference reference = method.DeclaringSyntaxReferences[0];
        SyntaxNode declaration = reference.GetSyntax();
        IOperation? body = api.Compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(declaration);
        if (body is null)
        {
            return null;
        }

        foreach (IOperation operation in body.Descendants())
        {
            if (operation is not ISimpleAssignmentOperation
                {
                    Target: IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } },
                } assignment ||
                StartedBy(api, assignment.Value) is not { } started || NamedAfter(body, field, assignment.Syntax.Span.End))
            {
                continue;
            }

            var parameters = new List<int>();
            foreach (IArgumentOperation argument in started.Arguments)
            {
                if (Forwarders.ViewBase(argument.Value) is IParameterReferenceOperation { Parameter: { } parameter } &&
                    SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method) &&
                    Forwarders.IsBufferLike(api, parameter.Type) && !parameters.Contains(parameter.Ordinal))
                {
                    parameters.Add(parameter.Ordinal);
                }
            }

            if (parameters.Count > 0)
            {
                return new Kept(parameters, field);
            }
        }

        return null;
    }

    // The operation a value is: its call, through conversions and AsTask()/Preserve().
    private static IInvocationOperation? StartedBy(AsyncSysApi api, IOperation value)
    {
        value = value.WithoutConversions();
        if (value is IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Instance: { } instance })
        {
            value = instance.WithoutConversions();
        }

        return value is IInvocationOperation call && api.IsAsyncSyscall(call.TargetMethod) ? call : null;
    }

    // Whether the method names the field after the assignment (awaits it, hands it on, reads it back).
    private static bool NamedAfter(IOperation body, IFieldSymbol field, int end)
    {
        foreach (IOperation operation in body.Descendants())
        {
            if (operation is IFieldReferenceOperation reference && reference.Syntax.SpanStart >= end &&
                SymbolEqualityComparer.Default.Equals(reference.Field, field))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OverridesStream(IMethodSymbol method)
    {
        for (IMethodSymbol? overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.ContainingType is { Name: "Stream", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }
}
