using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Where an operation's task is kept when it is not put in a plain local: an element of a tuple (<c>(ValueTask&lt;int&gt;
/// Receive, byte[] Buffer) pending = (ring.ReceiveAsync(fd, buffer), buffer)</c>), an element of an array, list or
/// dictionary (<c>batch[i] = (buffer, ring.ReadAsync(...))</c>, <c>pending[fd] = ring.SendAsync(...)</c>,
/// <c>tasks.Add(...)</c>) or a field or property (<c>_send = ring.SendAsync(...)</c>).
/// </summary>
internal sealed class Keeping
{
    public Keeping(ISymbol keeper, bool isContainer, string? slot)
    {
        Keeper = keeper;
        IsContainer = isContainer;
        Slot = slot;
    }

    /// <summary>The local, parameter, field or property that holds the task (or the collection that does).</summary>
    public ISymbol Keeper { get; }

    /// <summary>Whether the task is in an element of <see cref="Keeper"/> rather than in it.</summary>
    public bool IsContainer { get; }

    /// <summary>The tuple element holding the task (<c>Item2</c>), or null when the element (or the keeper) is the task.</summary>
    public string? Slot { get; }
}

/// <summary>
/// Follows a task kept in a tuple, a collection or a member (<see cref="Keeping"/>): the operation stays in flight until
/// this function reads that task back to await it or hand it on (or hands the whole collection on: <c>Task.WhenAll(tasks)</c>).
/// Storing more into the collection, asking its <c>Count</c>, racing it in <c>Task.WhenAny</c>/<c>WaitAny</c> (which end
/// when the first task does), or reading the buffer beside the task in the same tuple does not.
/// </summary>
internal static class KeptTasks
{
    /// <summary>Methods that put one more element into a collection.</summary>
    public static bool IsAdding(string name) => name is "Add" or "TryAdd" or "Enqueue" or "Push" or "AddLast" or "AddFirst" or "Insert";

    /// <summary>Where a call's task (or a tuple) is kept, when it is kept anywhere but a plain local; else null.</summary>
    public static Keeping? KeptIn(IOperation call)
    {
        IOperation value = call;
        IOperation? parent = Outer(value, out value);
        string? slot = null;
        if (parent is ITupleOperation tuple)
        {
            int index = tuple.Elements.IndexOf(value);
            if (index < 0)
            {
                return null;
            }

            slot = "Item" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            parent = Outer(tuple, out value);
        }

        return Destination(parent, value, slot);
    }

    /// <summary>Where a tuple written in the code is kept (a local, member or collection element), for the buffers beside a task in it.</summary>
    public static Keeping? KeptIn(ITupleOperation tuple) => Destination(Outer(tuple, out IOperation value), value, "");

    private static Keeping? Destination(IOperation? parent, IOperation value, string? slot)
    {
        switch (parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when slot is not null:
                return new Keeping(declarator.Symbol, isContainer: false, slot);
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                switch (assignment.Target)
                {
                    case ILocalReferenceOperation local when slot is not null:
                        return new Keeping(local.Local, isContainer: false, slot);
                    case IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                        return SymbolOf(assignment.Target) is { } member ? new Keeping(member, isContainer: false, slot) : null;
                    case IArrayElementReferenceOperation { ArrayReference: var array }:
                        return SymbolOf(array) is { } elements ? new Keeping(elements, isContainer: true, slot) : null;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection }:
                        return SymbolOf(collection) is { } indexed ? new Keeping(indexed, isContainer: true, slot) : null;
                    default:
                        return null;
                }

            case IArgumentOperation { Parent: IInvocationOperation { Instance: { } collection } adding } when IsAdding(adding.TargetMethod.Name):
                return SymbolOf(collection) is { } added ? new Keeping(added, isContainer: true, slot) : null;

            // `tracker.Track(ring.SendAsync(...))`, where Track keeps its parameter in a field of its object: the object
            // holds the task until the code uses it next (its Dispose at the end of its using included).
            case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation { Instance: { } keeper } keeping }
                when keeper.WithoutConversions() is ILocalReferenceOperation or IParameterReferenceOperation && KeepsInItsObject(keeping.TargetMethod, parameter):
                return SymbolOf(keeper) is { } holder ? new Keeping(holder, isContainer: true, slot) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="method"/>, an instance method of this compilation that returns nothing, only keeps
    /// <paramref name="parameter"/> in a field of its object: its body is one statement that adds it (or the Task its
    /// <c>AsTask()</c>/<c>Preserve()</c> makes) to a collection field (<c>_inFlight.Add(send.AsTask())</c>), or assigns it to a
    /// field. Read from the declaration's syntax, one level.
    /// </summary>
    private static bool KeepsInItsObject(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (method.IsStatic || method.IsAsync || !method.ReturnsVoid || method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        ExpressionSyntax? statement = declaration.ExpressionBody?.Expression ??
            (declaration.Body is { Statements.Count: 1 } body && body.Statements[0] is ExpressionStatementSyntax only ? only.Expression : null);
        switch (statement)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var collection, Name.Identifier.ValueText: var name }, ArgumentList.Arguments: { Count: 1 } arguments }
                when IsAdding(name) && IsFieldOf(method.ContainingType, collection):
                return IsParameterOrItsTask(arguments[0].Expression, parameter);
            case AssignmentExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression, Left: var field, Right: var value }
                when IsFieldOf(method.ContainingType, field):
                return IsParameterOrItsTask(value, parameter);
            default:
                return false;
        }

        static bool IsFieldOf(INamedTypeSymbol type, ExpressionSyntax expression)
        {
            string? name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
                _ => null,
            };
            foreach (ISymbol member in name is null ? System.Collections.Immutable.ImmutableArray<ISymbol>.Empty : type.GetMembers(name))
            {
                if (member is IFieldSymbol { IsStatic: false })
                {
                    return true;
                }
            }

            return false;
        }

        static bool IsParameterOrItsTask(ExpressionSyntax expression, IParameterSymbol parameter) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == parameter.Name,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax identifier, Name.Identifier.ValueText: "AsTask" or "Preserve" }, ArgumentList.Arguments.Count: 0 } =>
                identifier.Identifier.ValueText == parameter.Name,
            _ => false,
        };
    }

    private static bool KeepsAnArgument(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (KeepsInItsObject(method, parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether this reference (to the keeper, or to a local that an element of it was read into) reads the kept task
    /// back, to await it or hand it on: the window this function can see ends there.
    /// </summary>
    public static bool Ends(IOperation reference, Keeping kept, Buffers buffers)
    {
        IOperation node;
        string? slot;
        if (reference is ILocalReferenceOperation local && buffers.ElementOf(local.Local) is { } element)
        {
            if (!SymbolEqualityComparer.Default.Equals(element.Keeper, kept.Keeper) || local.IsDeclaration || IsWritten(local))
            {
                return false;
            }

            (node, slot) = (reference, element.Slot);
        }
        else if (SymbolOf(reference) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, kept.Keeper))
        {
            if (IsWritten(reference))
            {
                return false;
            }

            (node, slot) = (reference, null);
            if (kept.IsContainer)
            {
                IOperation? parent = Outer(reference, out _);
                switch (parent)
                {
                    case IArrayElementReferenceOperation item when item.ArrayReference.WithoutConversions() == reference:
                        node = item;
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } item when item.Instance?.WithoutConversions() == reference:
                        node = item;
                        break;
                    case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "IsEmpty" or "Keys" }:
                    case IInvocationOperation { TargetMethod.Name: "ContainsKey" or "GetEnumerator" or "GetAsyncEnumerator" }:
                    case IForEachLoopOperation:
                        // Asked how many, whether one is there, or iterated: what the loop does with each element is followed by its locals.
                        return false;
                    case IInvocationOperation { Instance: { } instance } call when instance.WithoutConversions() == reference &&
                                                                                  (IsAdding(call.TargetMethod.Name) || KeepsAnArgument(call.TargetMethod)):
                        return false;
                    case IIsNullOperation when reference.Type is INamedTypeSymbol tracker && DisposalOf(tracker) is { } disposal && ForgetsWhatItKeeps(tracker, disposal):
                        // The null check at a using's end, before the Dispose of a tracker that does not wait (below): the
                        // window stays open on both of its ways (the object is there, it was just made).
                        return false;
                    case IInvocationOperation { Instance: { } instance, TargetMethod: { Name: "Dispose" or "DisposeAsync", Parameters.Length: 0 } disposal }
                        when instance.WithoutConversions() == reference && reference.Type is INamedTypeSymbol disposed && ForgetsWhatItKeeps(disposed, disposal):
                        // A tracker whose Dispose/DisposeAsync neither awaits nor waits for the tasks it keeps (it forgets them,
                        // or only cancels them): the operations are still running after it.
                        return false;
                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WhenAny" or "WaitAny", IsStatic: true } race } } when IsTask(race.ContainingType):
                        // Raced: Task.WhenAny (WaitAny) ends when the first of them does, with the others still running.
                        return false;
                    case IInvocationOperation { Instance: { } instance, TargetMethod.Name: "Clear" } when instance.WithoutConversions() == reference:
                        // Since round 49: emptied, the collection forgets its tasks; the operations still run.
                        return false;
                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } } all } when IsTask(all.TargetMethod.ContainingType) && TaskUses.StoredIn(all) is not null:
                        // Since round 49: `Task all = Task.WhenAll(batch.Pending);` keeps them all in that local (the flow
                        // adds it to the operation's tasks): the window ends where it is awaited, not where it is made.
                        return false;
                    default:
                        // Handed on (Task.WhenAll(tasks) awaited in place, a helper that awaits them): out of sight.
                        return true;
                }

                if (IsWritten(node))
                {
                    return false;
                }
            }
        }
        else
        {
            return false;
        }

        if (kept.Slot is not null && slot is null)
        {
            // A tuple: which of its elements is read?
            if (Outer(node, out _) is IFieldReferenceOperation { Field: var field } member && member.Instance?.WithoutConversions() == node && field.ContainingType.IsTupleType)
            {
                (node, slot) = (member, SlotOf(field));
            }
            else
            {
                return true;
            }
        }

        if (kept.Slot is not null && slot != kept.Slot)
        {
            // The buffer beside the task, not the task.
            return false;
        }

        return !TaskUses.IsCompletionCheck(node) && !IsWritten(node);
    }

    /// <summary>The <c>DisposeAsync()</c> (or else <c>Dispose()</c>) a using of this type calls at its end, if the type declares one.</summary>
    private static IMethodSymbol? DisposalOf(INamedTypeSymbol type)
    {
        foreach (string name in new[] { "DisposeAsync", "Dispose" })
        {
            foreach (ISymbol member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 } method)
                {
                    return method;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a tracker type of this compilation disposes without waiting for the tasks it keeps: the body of its
    /// <c>Dispose</c>/<c>DisposeAsync</c> (with the methods of the type it calls on itself, one level) waits for nothing
    /// (no <c>await</c>, <c>Wait</c>, <c>WaitAll</c>, <c>GetResult</c> or <c>.Result</c>), or never names a field of the type that
    /// holds tasks. A type out of source, or a body out of sight, waits as far as the rule knows (quiet when unsure).
    /// </summary>
    private static bool ForgetsWhatItKeeps(INamedTypeSymbol tracker, IMethodSymbol disposal)
    {
        IMethodSymbol? implementation = disposal.ContainingType.TypeKind == TypeKind.Interface
            ? tracker.FindImplementationForInterfaceMember(disposal) as IMethodSymbol
            : disposal;
        if (implementation is null || !SymbolEqualityComparer.Default.Equals(implementation.ContainingType.OriginalDefinition, tracker.OriginalDefinition) ||
            BodyOf(implementation) is not { } body)
        {
            return false;
        }

        var bodies = new System.Collections.Generic.List<SyntaxNode> { body };
        foreach (InvocationExpressionSyntax call in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            // Dispose() => Dispose(true), a DisposeAsync that calls a helper of the type: one level into this object's own methods.
            string? name = call.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
                _ => null,
            };
            foreach (ISymbol member in name is null ? System.Collections.Immutable.ImmutableArray<ISymbol>.Empty : tracker.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: false } helper && !SymbolEqualityComparer.Default.Equals(helper, implementation) && BodyOf(helper) is { } more)
                {
                    bodies.Add(more);
                }
            }
        }

        bool waits = false;
        bool namesTasks = false;
        foreach (SyntaxNode part in bodies)
        {
            foreach (SyntaxNode node in part.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case AwaitExpressionSyntax:
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" or "WaitAll" or "GetResult" } }:
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" }:
                    case ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                        waits = true;
                        break;
                    case IdentifierNameSyntax { Identifier.ValueText: var identifier }:
                        foreach (ISymbol member in tracker.GetMembers(identifier))
                        {
                            namesTasks |= member is IFieldSymbol { IsStatic: false } field && HoldsTasks(field.Type);
                        }

                        break;
                }
            }
        }

        return !(waits && namesTasks);

        static SyntaxNode? BodyOf(IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Length == 1 && method.DeclaringSyntaxReferences[0].GetSyntax() is MethodDeclarationSyntax declaration
                ? (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody
                : null;

        // A Task or ValueTask, or a collection, array or tuple of them.
        static bool HoldsTasks(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => HoldsTasks(array.ElementType),
            INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace.Name: "Threading" } } => true,
            INamedTypeSymbol named => named.TypeArguments.Any(argument => argument is INamedTypeSymbol { Name: "Task" or "ValueTask" } || (argument is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Any(element => HoldsTasks(element.Type)))),
            _ => false,
        };
    }

    /// <summary><c>System.Threading.Tasks.Task</c>, whose static <c>WhenAny</c> and <c>WaitAny</c> race the tasks given.</summary>
    private static bool IsTask(INamedTypeSymbol? type) =>
        type is { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The tuple element a field of a tuple type is (<c>Buffer</c> in <c>(byte[] Buffer, ...)</c> is <c>Item1</c>).</summary>
    public static string SlotOf(IFieldSymbol field) => (field.CorrespondingTupleField ?? field).Name;

    /// <summary>The variable or member a reference names: a local, parameter, field or non-indexer property.</summary>
    public static ISymbol? SymbolOf(IOperation reference) => reference.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field when !field.Field.ContainingType.IsTupleType => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    /// <summary>Whether the value is (part of) what an assignment, a deconstruction or a foreach writes.</summary>
    private static bool IsWritten(IOperation node)
    {
        IOperation child = node;
        IOperation? parent = node.Parent;
        while (parent is ITupleOperation or IDeclarationExpressionOperation or IConversionOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == child,
            IForEachLoopOperation loop => loop.LoopControlVariable == child,
            _ => false,
        };
    }

    /// <summary>The parent past conversions, and the outermost conversion (or the value itself) below it.</summary>
    private static IOperation? Outer(IOperation value, out IOperation outermost)
    {
        IOperation? parent = value.Parent;
        while (parent is IConversionOperation)
        {
            value = parent;
            parent = parent.Parent;
        }

        outermost = value;
        return parent;
    }
}
