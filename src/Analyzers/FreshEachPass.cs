using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1005: a buffer local declared in a loop's body and made there (<c>byte[] ack = new byte[3];</c>, a rent from
/// <c>ArrayPool</c> or <c>MemoryPool</c>, <c>GC.AllocateArray</c>, a new lease of this compilation given no buffer:
/// <c>using var frame = new PooledFrame(size);</c>) is a new variable holding a new buffer in every pass.
/// A write of it before the pass starts its own operation is not a write of the buffer an earlier pass's operation
/// (discarded, or kept in a list awaited after the loop) still uses: that one is the previous pass's variable.
/// </summary>
/// <remarks>
/// A pool hands the same array out again only after it was returned, and a return while the earlier operation runs is
/// itself reported (for a lease, its Dispose at the end of the earlier pass). A lease made with a buffer among its
/// arguments may wrap one other code holds, so it is not taken as new; one whose constructor takes a shared field is
/// (its constructor's body is not read). Not so, and still reported: a local assigned again anywhere (double buffering through one local), a
/// local given an existing buffer (a field, a parameter, an element), a write inside a loop nested in the pass (the
/// nested loop's earlier iteration used this pass's buffer), a write after the pass's start, and the implicit dispose of
/// a <c>using</c> declaration (it runs at the end of the pass it was made in).
/// </remarks>
internal static class FreshEachPass
{
    /// <summary>Whether <paramref name="touch"/> of <paramref name="buffer"/> writes a buffer made in this pass, before this pass's <paramref name="call"/>.</summary>
    public static bool IsNewBuffer(Buffers buffers, FunctionBody body, ISymbol buffer, SyntaxNode call, IOperation touch)
    {
        if (buffer is not ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local ||
            local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator ||
            touch.Syntax.SpanStart <= declarator.Span.End || touch.Syntax.SpanStart >= call.SpanStart ||
            LoopOf(declarator) is not { } loop || LoopOf(touch.Syntax) != loop || !loop.Span.Contains(call.Span))
        {
            return false;
        }

        bool made = false;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IVariableDeclaratorOperation declared && SymbolEqualityComparer.Default.Equals(declared.Symbol, local))
            {
                made = (declared.Initializer ?? (declared.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer &&
                       IsMadeHere(buffers, initializer.Value);
            }
            else if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsReassigned(reference))
            {
                return false;
            }
        }

        return made;
    }

    /// <summary>The innermost loop statement around <paramref name="node"/> in its function, or null.</summary>
    private static SyntaxNode? LoopOf(SyntaxNode node)
    {
        for (SyntaxNode? parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case ForStatementSyntax or ForEachStatementSyntax or ForEachVariableStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return parent;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A buffer no other code holds yet: a new array, one rented or allocated right here, or a new lease given no buffer.</summary>
    private static bool IsMadeHere(Buffers buffers, IOperation value) => value.WithoutConversions() switch
    {
        IArrayCreationOperation => true,
        IInvocationOperation { TargetMethod: { Name: "Rent", ContainingType: { Name: "ArrayPool" or "MemoryPool", ContainingNamespace.Name: "Buffers" } } } => true,
        IInvocationOperation { TargetMethod: { Name: "AllocateArray" or "AllocateUninitializedArray", ContainingType.Name: "GC" } } => true,
        IObjectCreationOperation creation => buffers.IsLease(creation.Type) && creation.Arguments.All(a => !buffers.IsBuffer(a.Value.WithoutConversions().Type)),
        _ => false,
    };

    /// <summary>The local given another value: assigned, or passed by <c>ref</c> or <c>out</c>.</summary>
    private static bool IsReassigned(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IAssignmentOperation assignment => assignment.Target == reference,
        IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
        ITupleOperation { Parent: IDeconstructionAssignmentOperation } => true,
        _ => false,
    };
}
