using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// A buffer an operation is still filling, handed to other code through shared state (ASYS1005): stored in an element
/// of a collection held in a field or a static (a cache's indexer, <c>TryAdd</c>, <c>Enqueue</c>), written
/// to a channel, or made a TaskCompletionSource's result. Whoever reads it there may see it half filled, and keeps
/// whatever it saw. A collection in a local is not shared; a buffer the operation only reads (a send) may be published.
/// </summary>
internal static class Publication
{
    /// <summary>The buffer an operation publishes and how, or null.</summary>
    public static (ISymbol Buffer, string How)? Of(Buffers buffers, IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: var target, Value: var value } when SharedCollectionOf(target) is { } collection &&
                CarriedBuffer(buffers, value) is { } stored:
                return (stored, "published in '" + collection + "', where other code can read it before it is filled");
            case IInvocationOperation { Instance: { } instance, TargetMethod: var method } call when IsPublishing(method.Name) && SharedNameOf(instance) is { } receiver:
                foreach (IArgumentOperation argument in call.Arguments)
                {
                    // Kept as an element (List<T>.Add(T), ChannelWriter<T>.WriteAsync(T), SetResult(T)): a parameter of the
                    // container's type parameter. A stream's WriteAsync(ReadOnlyMemory<byte>) copies the bytes out instead.
                    if (argument.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol && CarriedBuffer(buffers, argument.Value) is { } handed)
                    {
                        return (handed, "published through '" + receiver + "." + method.Name + "', where other code can read it before it is filled");
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary><c>Memory&lt;T&gt;</c> (not read-only) or a list or array of them: what an operation takes for buffers it fills.</summary>
    public static bool IsFilled(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { MetadataName: "Memory`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } => true,
        IArrayTypeSymbol array => IsFilled(array.ElementType),
        INamedTypeSymbol { TypeArguments.Length: 1 } list when list.Name is "IReadOnlyList" or "IList" or "List" => IsFilled(list.TypeArguments[0]),
        _ => false,
    };

    private static bool IsPublishing(string name) =>
        name is "Add" or "TryAdd" or "Enqueue" or "Push" or "AddOrUpdate" or "TryWrite" or "WriteAsync" or "SetResult" or "TrySetResult" or "Post";

    /// <summary>
    /// The buffer a stored value is or carries: the buffer itself (or a view of it), or one level in, a buffer given to a
    /// record made in place (a positional record's argument, an object initializer's value: <c>new PostingsBlock(id, block)</c>)
    /// or an element of a tuple written in place (<c>(id, block)</c>), which keep it as it is, or a class or struct made in place
    /// whose constructor stores that parameter as it is given (<see cref="ConstructorKeeps"/>); one that copies it is not.
    /// </summary>
    private static ISymbol? CarriedBuffer(Buffers buffers, IOperation value)
    {
        if (IsWholeBuffer(value))
        {
            return buffers.RootOf(value);
        }

        switch (value.WithoutConversions())
        {
            case IObjectCreationOperation { Type.IsRecord: true } creation:
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (IsWholeBuffer(argument.Value) && buffers.RootOf(argument.Value) is { } given)
                    {
                        return given;
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (IOperation member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Value: var set } && IsWholeBuffer(set) && buffers.RootOf(set) is { } initialized)
                        {
                            return initialized;
                        }
                    }
                }

                return null;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                // Another class or struct made in place keeps what its constructor stores as given (a field or property
                // assigned the parameter itself, or a primary constructor's parameter the type keeps); one that copies it
                // (`_data = data.ToArray()`) does not carry the buffer.
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (argument.Parameter is { } parameter && IsWholeBuffer(argument.Value) && buffers.RootOf(argument.Value) is { } kept &&
                        ConstructorKeeps(constructor, parameter))
                    {
                        return kept;
                    }
                }

                return null;
            case ITupleOperation tuple:
                foreach (IOperation element in tuple.Elements)
                {
                    if (IsWholeBuffer(element) && buffers.RootOf(element) is { } held)
                    {
                        return held;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether a constructor of this compilation keeps its parameter as it is given, read from its one declaration's syntax:
    /// a plain assignment of the parameter itself to a field or property of the object (<c>_data = data;</c>,
    /// <c>this.Data = data;</c>), or, for a primary constructor, the parameter named in a member or an initializer (the
    /// object captures it, or an initializer stores it). A constructor in metadata, one with several declarations, or one
    /// that only copies or reads the parameter is not taken to keep it.
    /// </summary>
    private static bool ConstructorKeeps(IMethodSymbol constructor, IParameterSymbol parameter)
    {
        if (constructor.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        string name = parameter.Name;
        switch (constructor.DeclaringSyntaxReferences[0].GetSyntax())
        {
            case Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax declaration:
                foreach (var assignment in declaration.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax>())
                {
                    if (assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression) &&
                        Unparenthesized(assignment.Right) is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var right } && right == name &&
                        assignment.Left is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax or
                            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.ThisExpressionSyntax })
                    {
                        return true;
                    }
                }

                return false;
            case Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax type:
                foreach (var member in type.Members)
                {
                    foreach (var identifier in member.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>())
                    {
                        if (identifier.Identifier.ValueText == name && !IsCopiedOut(identifier))
                        {
                            return true;
                        }
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax Unparenthesized(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression) =>
        expression is Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;

    /// <summary>A primary constructor's parameter only read in an initializer into a copy (<c>= data.ToArray()</c>): not kept.</summary>
    private static bool IsCopiedOut(Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier) =>
        identifier.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access && access.Expression == identifier &&
        access.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax &&
        access.Name.Identifier.ValueText is "ToArray" or "Clone" or "CopyTo" &&
        identifier.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax>() is not null;

    /// <summary>The array or Memory itself (or a view of it), not a value computed from it.</summary>
    private static bool IsWholeBuffer(IOperation value)
    {
        ITypeSymbol? type = value.WithoutConversions().Type;
        return type is IArrayTypeSymbol ||
            type is INamedTypeSymbol { MetadataName: "Memory`1" or "ReadOnlyMemory`1" or "ArraySegment`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }

    private static string? SharedCollectionOf(IOperation target) => target switch
    {
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => SharedNameOf(instance),
        IArrayElementReferenceOperation { ArrayReference: var array } => SharedNameOf(array),
        _ => null,
    };

    /// <summary>
    /// The name of the field or property the code reaches shared state through (<c>_cache</c>, <c>_channel.Writer</c>), or
    /// of a parameter that is shared state too: a primary constructor's parameter read in a member (the object keeps it,
    /// as it would a field), or a channel or completion source handed in (made to pass values to code running at the same
    /// time: its reader takes the buffer now, not when this method has returned). Null for a local or another parameter
    /// (the caller's collection, read when the method has returned).
    /// </summary>
    private static string? SharedNameOf(IOperation instance) => instance.WithoutConversions() switch
    {
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation { Property: { IsIndexer: false } property, Instance: var owner } when owner is null or IInstanceReferenceOperation or IFieldReferenceOperation =>
            property.Name,
        IParameterReferenceOperation { Parameter: var parameter } reference when IsCapturedByTheObject(parameter, reference) || IsHandOffPoint(parameter.Type) =>
            parameter.Name,
        _ => null,
    };

    /// <summary>A primary constructor's parameter read outside that constructor: state of the object, like a field.</summary>
    private static bool IsCapturedByTheObject(IParameterSymbol parameter, IOperation reference) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor &&
        constructor.DeclaringSyntaxReferences.Length == 1 &&
        constructor.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax &&
        !SymbolEqualityComparer.Default.Equals(EnclosingMember(reference), constructor);

    /// <summary>A channel (System.Threading.Channels) or a TaskCompletionSource: what hands a value to another running task.</summary>
    private static bool IsHandOffPoint(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "System.Threading.Channels" ||
        (type.Name == "TaskCompletionSource" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks");

    private static ISymbol? EnclosingMember(IOperation operation) => operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart);
}
