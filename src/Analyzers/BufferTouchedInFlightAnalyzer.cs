using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1005: an array or <c>Memory&lt;T&gt;</c> handed to an asynchronous syscall is written, returned to
/// the <c>ArrayPool</c>, or its <c>IMemoryOwner</c> disposed, before the operation's ValueTask is awaited.
/// </summary>
/// <remarks>
/// Until the completion arrives the kernel (or a worker) reads or writes the buffer: a write races with it,
/// and a buffer back in the pool is handed to someone else while the kernel still fills it.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BufferTouchedInFlightAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1005";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Buffer is touched while its operation is in flight",
        messageFormat: "'{0}' is {1} while '{2}' may still be using it; await the operation first",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An asynchronous syscall owns its buffer until its ValueTask completes. Writing to the buffer, returning it to an ArrayPool or disposing its IMemoryOwner before the await races with the kernel or the worker. Await the operation, then reuse or release the buffer.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    private protected override void AnalyzeBody(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod) || IsAwaitedAtOnce(call))
            {
                continue;
            }

            // The window in which the buffer belongs to the operation: from the call to the await of its task.
            int inFlightFrom = call.Syntax.Span.End;
            int? inFlightUntil = GetInFlightEnd(body, call);
            if (inFlightUntil is null)
            {
                continue;
            }

            foreach (IArgumentOperation argument in call.Arguments)
            {
                ISymbol? buffer = GetBufferRoot(api, argument.Value);
                if (buffer is null)
                {
                    continue;
                }

                foreach (IOperation candidate in body.Operations)
                {
                    int start = candidate.Syntax.SpanStart;
                    if (start < inFlightFrom || start >= inFlightUntil)
                    {
                        continue;
                    }

                    string? touch = DescribeTouch(api, candidate, buffer);
                    if (touch is not null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Rule, candidate.Syntax.GetLocation(), buffer.Name, touch, call.TargetMethod.Name));
                    }
                }
            }
        }
    }

    private static bool IsAwaitedAtOnce(IInvocationOperation call)
    {
        IOperation? parent = call.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        // ConfigureAwait(false) and friends sit between the call and its await.
        while (parent is IInvocationOperation { Instance: not null } chained && chained.Instance == call)
        {
            parent = chained.Parent;
        }

        return parent is IAwaitOperation;
    }

    /// <summary>
    /// Where the operation stops owning its buffers, as far as this body shows: the first await (or hand-off)
    /// of the local its task was stored in, or the end of the body for a discarded task. Null when the task
    /// leaves the body some other way (returned, passed on), since then the await is out of sight.
    /// </summary>
    private static int? GetInFlightEnd(FunctionBody body, IInvocationOperation call)
    {
        ILocalSymbol? task = call.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        if (task is null)
        {
            bool discarded = call.Parent is IExpressionStatementOperation ||
                             call.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
            return discarded ? body.Root.Syntax.Span.End : null;
        }

        int first = body.Root.Syntax.Span.End;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ILocalReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Local, task) &&
                reference.Syntax.SpanStart > call.Syntax.Span.End &&
                IsConsumed(reference) &&
                reference.Syntax.SpanStart < first)
            {
                first = reference.Syntax.SpanStart;
            }
        }

        return first;
    }

    private static bool IsConsumed(ILocalReferenceOperation reference) =>
        reference.Parent is IAwaitOperation or IArgumentOperation or IReturnOperation ||
        reference.Parent is IInvocationOperation { TargetMethod.Name: "AsTask" or "ConfigureAwait" or "GetAwaiter" } ||
        reference.Parent is IPropertyReferenceOperation { Property.Name: "Result" };

    /// <summary>The variable that owns the buffer behind an argument: an array, a Memory, or an IMemoryOwner.</summary>
    private static ISymbol? GetBufferRoot(AsyncSysApi api, IOperation value)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsMemory" or "Slice" } invocation:
                    IOperation? source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (source is null)
                    {
                        return null;
                    }

                    value = source;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Memory", Instance: { } owner } property
                    when api.Is(property.Property.ContainingType, api.MemoryOwnerOfT) || ImplementsMemoryOwner(api, owner.Type):
                    value = owner;
                    continue;
                case ILocalReferenceOperation local when IsBufferType(api, local.Type):
                    return local.Local;
                case IParameterReferenceOperation parameter when IsBufferType(api, parameter.Type):
                    return parameter.Parameter;
                case IFieldReferenceOperation field when IsBufferType(api, field.Type):
                    return field.Field;
                default:
                    return null;
            }
        }
    }

    private static bool IsBufferType(AsyncSysApi api, ITypeSymbol? type) =>
        type is IArrayTypeSymbol ||
        api.Is(type, api.MemoryOfT) || api.Is(type, api.ReadOnlyMemoryOfT) ||
        api.Is(type, api.MemoryOwnerOfT) || ImplementsMemoryOwner(api, type);

    private static bool ImplementsMemoryOwner(AsyncSysApi api, ITypeSymbol? type)
    {
        if (type is null || api.MemoryOwnerOfT is null)
        {
            return false;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, api.MemoryOwnerOfT))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How an operation touches the buffer (for the message), or null if it does not.</summary>
    private static string? DescribeTouch(AsyncSysApi api, IOperation operation, ISymbol buffer)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
                IOperation target = operation switch
                {
                    ISimpleAssignmentOperation a => a.Target,
                    ICompoundAssignmentOperation c => c.Target,
                    IIncrementOrDecrementOperation i => i.Target,
                    _ => operation,
                };
                return WritesInto(api, target, buffer) ? "written" : null;
            case IInvocationOperation invocation:
                IMethodSymbol method = invocation.TargetMethod;
                if (method.Name == "Return" && api.Is(method.ContainingType, api.ArrayPoolOfT) &&
                    invocation.Arguments.Length > 0 && Refers(api, invocation.Arguments[0].Value, buffer))
                {
                    return "returned to the ArrayPool";
                }

                if (method.Name == "Dispose" && invocation.Instance is { } disposed && Refers(api, disposed, buffer) &&
                    (api.Is(disposed.Type, api.MemoryOwnerOfT) || ImplementsMemoryOwner(api, disposed.Type)))
                {
                    return "disposed";
                }

                if (method.Name is "Clear" or "Fill" &&
                    ((api.Is(method.ContainingType, api.Array) && invocation.Arguments.Length > 0 && Refers(api, invocation.Arguments[0].Value, buffer)) ||
                     (api.Is(method.ContainingType, api.SpanOfT) && invocation.Instance is { } span && RefersThroughSpan(api, span, buffer))))
                {
                    return "written";
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Whether an assignment target is an element of the buffer: <c>buffer[i]</c> or <c>buffer.Span[i]</c>.</summary>
    private static bool WritesInto(AsyncSysApi api, IOperation target, ISymbol buffer) => target switch
    {
        IArrayElementReferenceOperation element => Refers(api, element.ArrayReference, buffer),
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span } => RefersThroughSpan(api, span, buffer),
        _ => false,
    };

    private static bool RefersThroughSpan(AsyncSysApi api, IOperation span, ISymbol buffer)
    {
        while (true)
        {
            switch (span)
            {
                case IConversionOperation conversion:
                    span = conversion.Operand;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Span", Instance: { } memory }:
                    span = memory;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsSpan" or "Slice" } invocation:
                    IOperation? source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (source is null)
                    {
                        return false;
                    }

                    span = source;
                    continue;
                default:
                    return Refers(api, span, buffer);
            }
        }
    }

    private static bool Refers(AsyncSysApi api, IOperation value, ISymbol buffer) =>
        GetBufferRoot(api, value) is { } root && SymbolEqualityComparer.Default.Equals(root, buffer);
}
