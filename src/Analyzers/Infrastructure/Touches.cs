using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>The ways code writes into a buffer or lets go of it, named for the message.</summary>
internal static class Touches
{
    /// <summary>
    /// Whether anything in the root may write or let go of a buffer (the pre-filter before the flow): an element
    /// written, a <c>using</c> (its implicit Dispose), or a call that <see cref="Describe"/> could name: Return,
    /// Dispose, Clear, Fill, CopyTo, TryCopyTo, or one with a destination parameter. Only calls are bound.
    /// </summary>
    public static bool MayTouch(CodeRootContext context)
    {
        foreach (SyntaxNode node in context.Root.Syntax.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax }:
                case PrefixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax }:
                case PostfixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax }:
                case UsingStatementSyntax:
                case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }:
                    return true;
                case InvocationExpressionSyntax call when context.SymbolOf(call) is IMethodSymbol method && MayTouch(method.ReducedFrom ?? method):
                    return true;
            }
        }

        return false;
    }

    private static bool MayTouch(IMethodSymbol method)
    {
        if (method.Name is "Return" or "Dispose" or "Clear" or "Fill" or "CopyTo" or "TryCopyTo")
        {
            return true;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (IsDestination(method, parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The buffer an operation writes or releases and how, or null when it does neither.</summary>
    public static (ISymbol Buffer, string How)? Describe(AsyncSysApi api, Buffers buffers, IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment:
                return WrittenElement(buffers, assignment.Target);
            case ICompoundAssignmentOperation compound:
                return WrittenElement(buffers, compound.Target);
            case ICoalesceAssignmentOperation coalesce:
                return WrittenElement(buffers, coalesce.Target);
            case IIncrementOrDecrementOperation increment:
                return WrittenElement(buffers, increment.Target);
            case IInvocationOperation invocation:
                return Call(api, buffers, invocation);
            default:
                return null;
        }
    }

    private static (ISymbol, string)? WrittenElement(Buffers buffers, IOperation target)
    {
        IOperation? owner = target switch
        {
            IArrayElementReferenceOperation element => element.ArrayReference,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => instance,

            // `span[^1] = ...`: an index from the end, through the type's own int indexer.
            IImplicitIndexerReferenceOperation { Instance: { } instance } => instance,
            _ => null,
        };
        return owner is not null && buffers.RootOf(owner) is { } root ? (root, "written") : null;
    }

    private static (ISymbol, string)? Call(AsyncSysApi api, Buffers buffers, IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Return" when api.Is(method.ContainingType, api.ArrayPoolOfT) && invocation.Arguments.Length > 0:
                return Of(buffers, invocation.Arguments[0].Value, "returned to the ArrayPool");
            // The implicit Dispose of a using is made on the resource converted to IDisposable.
            case "Dispose" when invocation.Instance is { } instance && instance.WithoutConversions() is var disposed && (buffers.IsMemoryOwner(disposed.Type) || buffers.IsBuffer(disposed.Type)):
                return Of(buffers, disposed, invocation.IsImplicit ? "disposed at the end of its using" : "disposed");
            case "Clear" or "Fill" when invocation.Instance is { } span && buffers.IsView(span.Type):
                return Of(buffers, span, "written by " + method.Name);
            case "CopyTo" or "TryCopyTo" when invocation.Arguments.Length > 0:
                return Of(buffers, invocation.Arguments[0].Value, "written as the destination of " + method.Name);
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null || !IsDestination(method, parameter))
            {
                continue;
            }

            if (Of(buffers, argument.Value, "written as the destination of " + method.Name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// A parameter a call writes through: a writable <c>Span&lt;T&gt;</c> (TryWrite, Fill, Encoding.GetBytes,
    /// TryFormat, Stream.Read), the destination of Array.Copy and Buffer.BlockCopy, the array Array.Clear and
    /// Array.Fill write, the buffer of a Read or Receive.
    /// </summary>
    private static bool IsDestination(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (parameter.Type is INamedTypeSymbol { MetadataName: "Span`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
        {
            return true;
        }

        if (parameter.Type is not IArrayTypeSymbol && parameter.Type.SpecialType != SpecialType.System_Array)
        {
            return false;
        }

        string name = parameter.Name;
        if (method.Name is "Clear" or "Fill" && method.ContainingType?.SpecialType == SpecialType.System_Array && name == "array")
        {
            return true;
        }

        return name is "destinationArray" or "dst" or "destination" ||
               (method.Name is "Clear" or "Fill" && method.ContainingType?.SpecialType == SpecialType.System_Array) ||
               (name == "buffer" && (method.Name.StartsWith("Read", System.StringComparison.Ordinal) || method.Name.StartsWith("Receive", System.StringComparison.Ordinal))) ||
               method.Name == "NextBytes";
    }

    private static (ISymbol, string)? Of(Buffers buffers, IOperation value, string how) =>
        buffers.RootOf(value) is { } root ? (root, how) : null;
}
