using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which text writers of one body may still hold text their last flush would put into their stream (ASYS1005): a
/// StreamWriter's <c>Dispose</c>, <c>DisposeAsync</c> or <c>Close</c> writes into a MemoryStream's array only what it still
/// buffers, so one flushed after its last write (before the operation over that array started, with nothing written since)
/// writes nothing there.
/// </summary>
/// <remarks>
/// Followed as bits per writer over a buffer, in the flow that follows the operations in flight. A writer may hold text after a write
/// (<c>Write*</c>, any other call on it, being handed to a method, being given a new value, which may be one made with an
/// encoding whose preamble its first flush writes), and holds none after <c>Flush</c>/<c>FlushAsync</c> or its last flush. A
/// writer in a local starts with nothing known to hold (it is given a value before use); one in a field may hold text from
/// other members, which may also write it while this code awaits or calls into this compilation's code. A local used
/// inside a lambda or local function, or more than 32 writers, are not followed: their last flush is always a write.
/// A writer in a local given only writers made with <c>AutoFlush = true</c> in their object initializer (setting it flushes,
/// preamble included), whose <c>AutoFlush</c> is set to nothing else and which is never handed to a method, flushes on every
/// write: after a write, or after it is made, it holds nothing. A later <c>writer.AutoFlush = true;</c> flushes too.
/// </remarks>
internal sealed class HeldText
{
    private const int MaxWriters = 32;

    private readonly List<ISymbol> _writers;
    private readonly uint _fields;
    private readonly uint _autoFlushing;

    private HeldText(List<ISymbol> writers, uint fields, uint autoFlushing)
    {
        _writers = writers;
        _fields = fields;
        _autoFlushing = autoFlushing;
    }

    /// <summary>The writers that may hold text where the function starts: those kept in fields.</summary>
    public uint AtEntry => _fields;

    /// <summary>
    /// The text writers over a buffer (see <see cref="Buffers.StreamOver"/>) the body calls methods on, in locals or fields
    /// of this object (or static), or null when none: only their last flush can touch a buffer, so other writers (a log)
    /// are not followed and do not split the paths.
    /// </summary>
    public static HeldText? Collect(FunctionBody body, Buffers buffers, SyntaxNode root)
    {
        List<ISymbol>? writers = null;
        uint fields = 0;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation { Instance: { } instance } || !IsTextWriter(instance.WithoutConversions().Type) ||
                WriterOf(instance) is not { } writer || (writers is not null && writers.Contains(writer, SymbolEqualityComparer.Default)))
            {
                continue;
            }

            if ((writers ??= new List<ISymbol>()).Count >= MaxWriters || buffers.StreamOver(instance) is null ||
                (writer is ILocalSymbol local && IsCaptured(root, local)))
            {
                continue;
            }

            if (writer is IFieldSymbol)
            {
                fields |= 1U << writers.Count;
            }

            writers.Add(writer);
        }

        if (writers is not { Count: > 0 })
        {
            return null;
        }

        uint autoFlushing = 0;
        for (int i = 0; i < writers.Count; i++)
        {
            if (writers[i] is ILocalSymbol local && AlwaysAutoFlushing(body, local))
            {
                autoFlushing |= 1U << i;
            }
        }

        return new HeldText(writers, fields, autoFlushing);
    }

    /// <summary>
    /// Whether every value the local is given is a writer made with <c>AutoFlush = true</c> in its object initializer, its
    /// <c>AutoFlush</c> is never set to anything else, and it is never handed to a method (which might turn it off): then
    /// each write reaches its stream before the write returns, and nothing is left for its last flush.
    /// </summary>
    private static bool AlwaysAutoFlushing(FunctionBody body, ILocalSymbol local)
    {
        bool given = false;
        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.Initializer is { Value: var value })
                    {
                        if (!MadeAutoFlushing(value))
                        {
                            return false;
                        }

                        given = true;
                    }

                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    if (assignment is not ISimpleAssignmentOperation { Value: var assigned } || !MadeAutoFlushing(assigned))
                    {
                        return false;
                    }

                    given = true;
                    break;
                case IPropertyReferenceOperation { Property.Name: "AutoFlush", Instance: { } instance, Parent: ISimpleAssignmentOperation set }
                    when set.Target == operation && instance.WithoutConversions() is ILocalReferenceOperation owner &&
                         SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    if (set.Value.ConstantValue is not { HasValue: true, Value: true })
                    {
                        return false;
                    }

                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                                                            (Outer(operation) is IArgumentOperation || reference.Parent is IAddressOfOperation):
                    return false;
            }
        }

        return given;
    }

    /// <summary>A writer made here with <c>AutoFlush = true</c> (a constant) in its object initializer.</summary>
    private static bool MadeAutoFlushing(IOperation value) =>
        value.WithoutConversions() is IObjectCreationOperation { Initializer.Initializers: var members } &&
        members.Any(m => m is ISimpleAssignmentOperation
        {
            Target: IPropertyReferenceOperation { Property.Name: "AutoFlush" },
            Value.ConstantValue: { HasValue: true, Value: true },
        });

    /// <summary>
    /// The writer whose last flush this operation is (<c>Dispose</c>, <c>DisposeAsync</c>, <c>Close</c>, also the implicit
    /// Dispose of a using), as its bit, or 0 when it is none or a writer not followed.
    /// </summary>
    public uint LastFlushOf(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close", Instance: { } instance } ? BitOf(instance) : 0;

    /// <summary>What an operation does to the writers: the bits it may leave holding text, and those it leaves holding none.</summary>
    public (uint Holding, uint Flushed) Effect(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation call:
                uint holding = 0;
                if (call.TargetMethod.DeclaringSyntaxReferences.Length > 0 && call.TargetMethod.MethodKind != MethodKind.LocalFunction)
                {
                    // A method of this compilation may write a writer kept in a field.
                    holding = _fields;
                }

                if (call.Instance is { } instance && BitOf(instance) is var bit && bit != 0)
                {
                    // An auto-flushing writer's write has reached its stream when the call returns (or throws: the text
                    // is taken out of the writer before its bytes are written).
                    return call.TargetMethod.Name is "Flush" or "FlushAsync" or "Dispose" or "DisposeAsync" or "Close" ||
                           ((bit & _autoFlushing) != 0 && call.TargetMethod.Name.StartsWith("Write", System.StringComparison.Ordinal))
                        ? (holding & ~bit, bit)
                        : (holding | bit, 0);
                }

                return (holding, 0);
            case IAwaitOperation:
                // Other code runs while this function awaits: it may write a writer kept in a field.
                return (_fields, 0);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "AutoFlush", Instance: { } owner }, Value.ConstantValue: { HasValue: true, Value: true } }:
                // Turning AutoFlush on flushes the writer.
                return (0, BitOf(owner));
            case ISimpleAssignmentOperation { Target: var target }:
                // A new writer: made with an encoding whose preamble its first flush writes, or one from elsewhere; one
                // made with AutoFlush on has flushed already.
                return BitOf(target) is var made && (made & _autoFlushing) != 0 ? (0, made) : (made, 0);
            case ILocalReferenceOperation or IFieldReferenceOperation when Outer(operation) is IArgumentOperation:
                // Handed to a method, which may write it.
                return (BitOf(operation), 0);
            default:
                return (0, 0);
        }
    }

    /// <summary>Whether the operation may change what a followed writer holds (the flow's events).</summary>
    public bool MayChange(IOperation operation) =>
        operation is IInvocationOperation or IAwaitOperation ||
        (operation is ISimpleAssignmentOperation { Target: var target } &&
         (BitOf(target) != 0 || (target is IPropertyReferenceOperation { Property.Name: "AutoFlush", Instance: { } owner } && BitOf(owner) != 0))) ||
        (operation is ILocalReferenceOperation or IFieldReferenceOperation && BitOf(operation) != 0);

    private uint BitOf(IOperation reference)
    {
        if (WriterOf(reference) is not { } writer)
        {
            return 0;
        }

        for (int i = 0; i < _writers.Count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(_writers[i], writer))
            {
                return 1U << i;
            }
        }

        return 0;
    }

    private static ISymbol? WriterOf(IOperation reference) => reference.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        _ => null,
    };

    private static IOperation? Outer(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>A <c>System.IO.TextWriter</c> or a type derived from it (StreamWriter).</summary>
    private static bool IsTextWriter(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "TextWriter", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a local is named inside a lambda or local function of the root: what that code writes is not seen here.</summary>
    private static bool IsCaptured(SyntaxNode root, ILocalSymbol local)
    {
        foreach (SyntaxNode node in root.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax { Identifier.ValueText: var name } || name != local.Name)
            {
                continue;
            }

            for (SyntaxNode? ancestor = node.Parent; ancestor is not null && ancestor != root; ancestor = ancestor.Parent)
            {
                if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
