using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which objects the concurrent calls of an offloaded wrapper share, as one method sees them (ASYS1003): the object
/// behind <c>this</c>, a static field, a field or auto-property of a shared object, a local that only ever holds one
/// of those (<c>var stats = s_stats; stats.Calls++;</c>), and a parameter of the method, which is shared when a
/// caller on the wrapper's path passes a shared object (<c>Count(s_stats)</c>).
/// </summary>
/// <remarks>
/// <see cref="Of"/> answers <see cref="Shared"/>, <see cref="NotShared"/> (per call, or not known: a fresh object, a
/// copy of a struct, what a call returns, a local assigned anything else on some path), or the ordinal of the
/// method's parameter the object came in through. The walk from the wrapper decides the parameters.
/// </remarks>
internal sealed class SharedObjects
{
    /// <summary>Every concurrent call sees it.</summary>
    public const int Shared = -1;

    /// <summary>Per call, or not known to be shared.</summary>
    public const int NotShared = -2;

    // Parameters beyond this many are not followed (the walk keeps the shared ones as bits).
    public const int MaxParameters = 64;

    private readonly IMethodSymbol _method;
    private readonly List<IOperation> _blocks;

    // What each local is given: the values stored in it, or null when it is also written another way (out, a
    // deconstruction, a foreach, a pattern). Filled on the first question about a local.
    private Dictionary<ILocalSymbol, List<IOperation>?>? _stores;
    private readonly Dictionary<ILocalSymbol, int> _locals = new(SymbolEqualityComparer.Default);

    // The body of a method of this compilation (one declaration), to follow a reference it returns; null: not followed.
    private readonly System.Func<IMethodSymbol, IOperation?>? _bodyOf;

    public SharedObjects(IMethodSymbol method, List<IOperation> blocks, System.Func<IMethodSymbol, IOperation?>? bodyOf = null)
    {
        _method = method;
        _blocks = blocks;
        _bodyOf = bodyOf;
    }

    /// <summary>Whether a reach is shared for a caller that passes shared objects to the parameters in <paramref name="sharedParameters"/>.</summary>
    public static bool IsShared(int reach, ulong sharedParameters) =>
        reach == Shared || (reach >= 0 && (sharedParameters & (1UL << reach)) != 0);

    /// <summary>The object (or storage) an expression stands for: shared, not shared, or a parameter's ordinal.</summary>
    public int Of(IOperation? value)
    {
        switch (value?.WithoutConversions())
        {
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                return Shared;
            case IFieldReferenceOperation { Field: var field } reference:
                if (field.IsConst || IsThreadStatic(field))
                {
                    return NotShared;
                }

                return field.IsStatic ? Shared : Of(reference.Instance);
            case IPropertyReferenceOperation { Property: { IsIndexer: false } property } reference when IsAutoProperty(property):
                return property.IsStatic ? Shared : Of(reference.Instance);
            case IParameterReferenceOperation { Parameter: var parameter } reference when !IsOwnParameter(parameter):
                return ExistingValueOfUpdate(reference);
            case IParameterReferenceOperation { Parameter: var parameter }:
                return IsOwnParameter(parameter) && parameter.Ordinal < MaxParameters && (parameter.RefKind != RefKind.None || parameter.Type.IsReferenceType)
                    ? parameter.Ordinal
                    : NotShared;
            case ILocalReferenceOperation { Local: var local }:
                return OfLocal(local);
            case IInvocationOperation call when IsCollectionStorage(call):
                // `CollectionsMarshal.AsSpan(s_list)`, `CollectionsMarshal.GetValueRefOrAddDefault(s_counts, key, out _)`: inside the collection.
                return OfCollection(call.Arguments[0].Value);
            case IInvocationOperation call when ViewOf(call) is { } viewed:
                // `MemoryMarshal.GetArrayDataReference(s_table)`, `Unsafe.Add(ref first, i)`, `s_table.AsSpan()`: the storage given.
                return Of(viewed);
            case IInvocationOperation { TargetMethod.ReturnsByRef: true } call when _bodyOf is not null:
                // `BytesOf(segment) += n` with `static ref long BytesOf(int s) => ref s_bytes[s & 63];`: the storage the returned
                // reference points into, one level. Only what is shared whoever calls it (a static field, or this object's for
                // a call on this object): the callee's parameters are not mapped to the arguments.
                return OfReturnedReference(call);
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when IsSpan(creation.Type):
                // `new Span<long>(s_table)`, `new Span<long>(ref s_total)`: a view of the array or variable given.
                return Of(creation.Arguments[0].Value);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span } when IsSpan(span.Type):
                // An element of a span is in the memory the span is a view of.
                return Of(span);
            case IArrayElementReferenceOperation element:
                // `ref s_table[i]`, `s_slots[i].Count`: an element is inside the array, as shared as the array.
                return Of(element.ArrayReference);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } holder } element when HoldsObjects(holder, element.Type):
                // `s_sessions[fd].Pending++`: an object a shared collection holds is seen by every caller that looks it up.
                return Of(holder);
            case IInvocationOperation { Instance: { } holder, TargetMethod.Name: "GetOrAdd" or "GetValueOrDefault" or "Peek" } call when HoldsObjects(holder, call.Type):
                // `s_byPath.GetOrAdd(path, _ => new List<int>())`: the object the collection holds (or has just been given).
                return Of(holder);
            case ICoalesceAssignmentOperation coalesce:
                // `s_stats ??= new IoStats()` is the object the static field holds from then on.
                return Of(coalesce.Target);
            case ISimpleAssignmentOperation assignment:
                // `var s = s_stats = new IoStats()`: published to the field, so shared from then on.
                return Of(assignment.Target) is var target && target != NotShared ? target : Of(assignment.Value);
            case ICoalesceOperation coalesce:
                // `s_stats ?? fallback` is the shared object whenever there is one.
                return Of(coalesce.Value);
            default:
                return NotShared;
        }
    }

    /// <summary>
    /// What a collection that is unsafe to change from several threads is reached through (a static field, a local or
    /// parameter holding it); <see cref="NotShared"/> for any other object (see <see cref="IsUnsynchronizedCollection"/>).
    /// </summary>
    /// <remarks>
    /// An object initializer or a <c>with</c> writes through an implicit receiver: the object being built, fresh
    /// per call, is not shared.
    /// </remarks>
    public int OfCollection(IOperation instance)
    {
        instance = instance.WithoutConversions();
        return IsUnsynchronizedCollection(instance.Type) || IsUnsynchronizedRandom(instance) ? Of(instance) : NotShared;
    }

    /// <summary>
    /// A class of .NET's <c>System.Collections</c> namespaces (<c>Dictionary</c>, <c>List</c>, <c>PriorityQueue</c>,
    /// <c>SortedSet</c>, <c>Hashtable</c>, <c>ObservableCollection</c>, ...), or a class derived from one: no collection there is
    /// safe to change from several threads at once (the comparers there have only reading methods). Not those made for it or that never change: <c>System.Collections.Concurrent</c>,
    /// <c>System.Collections.Immutable</c> (a change returns a new collection; <c>ImmutableInterlocked</c> swaps it in),
    /// <c>System.Collections.Frozen</c>, WCF's <c>Synchronized*</c> collections; nor a field typed as an interface
    /// (<c>IDictionary&lt;K, V&gt;</c>), which may hold a concurrent collection.
    /// </summary>
    public static bool IsUnsynchronizedCollection(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is INamedTypeSymbol { TypeKind: TypeKind.Class } named; current = current.BaseType)
        {
            if (named.DeclaringSyntaxReferences.IsEmpty &&
                ((IsCollectionNamespace(named.ContainingNamespace) && !named.Name.StartsWith("Synchronized", System.StringComparison.Ordinal)) ||
                 IsBuilderOrStream(named)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// .NET classes outside <c>System.Collections</c> that hold a growing buffer or a position and document no thread
    /// safety for their instance methods: <c>StringBuilder</c> (two workers appending at once can lose text or throw),
    /// <c>MemoryStream</c>, <c>StreamWriter</c>, <c>StringWriter</c> and <c>BinaryWriter</c> (their buffer and position);
    /// since round 55 the hashers that keep a running state (<c>IncrementalHash</c>, <c>HashAlgorithm</c> and its
    /// <c>SHA256</c>-style subclasses, System.IO.Hashing's <c>Crc32</c>/<c>XxHash64</c>): two workers appending to one
    /// digest at once interleave their blocks or corrupt its state.
    /// Their methods count as collection methods do: a documented reader (<c>ToString</c>, <c>CopyTo</c>, <c>Get...</c>)
    /// reads, anything else changes. Not <c>TextWriter</c> itself (<c>Console.Out</c> and <c>TextWriter.Synchronized</c>
    /// are synchronized) nor <c>Random</c> (<c>Random.Shared</c> is thread-safe behind the same type).
    /// </summary>
    public static bool IsUnsynchronizedBuilderOrStream(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is INamedTypeSymbol { TypeKind: TypeKind.Class } named; current = current.BaseType)
        {
            if (named.DeclaringSyntaxReferences.IsEmpty && IsBuilderOrStream(named))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A <c>System.Random</c> object other than <c>Random.Shared</c> (since round 63): its instance methods keep a seed
    /// state that concurrent callers corrupt (after which it returns zeros), so <c>s_jitter.Next(1, 20)</c> on a static
    /// <c>new Random()</c> changes shared state the way <c>Add</c> on a shared list does. <c>Random.Shared</c> is made for
    /// concurrent callers: a library property is no shared place here, and a field whose initializer is
    /// <c>Random.Shared</c> holds it. Other ways a field may come to hold it (assigned later) are not followed.
    /// </summary>
    public static bool IsUnsynchronizedRandom(IOperation instance)
    {
        instance = instance.WithoutConversions();
        bool random = false;
        for (ITypeSymbol? current = instance.Type; current is INamedTypeSymbol { TypeKind: TypeKind.Class } named; current = current.BaseType)
        {
            if (named.DeclaringSyntaxReferences.IsEmpty && SymbolNames.IsNamed(named, "System", "Random"))
            {
                random = true;
                break;
            }
        }

        if (!random)
        {
            return false;
        }

        ISymbol? held = instance switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        foreach (SyntaxReference declaration in held?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax? initializer = declaration.GetSyntax() switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
            if (initializer is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shared" })
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBuilderOrStream(INamedTypeSymbol type) =>
        SymbolNames.IsNamed(type, "System.Text", "StringBuilder") ||
        SymbolNames.IsNamed(type, "System.IO", "MemoryStream") ||
        SymbolNames.IsNamed(type, "System.IO", "StreamWriter") ||
        SymbolNames.IsNamed(type, "System.IO", "StringWriter") ||
        SymbolNames.IsNamed(type, "System.IO", "BinaryWriter") ||
        SymbolNames.IsNamed(type, "System.Security.Cryptography", "IncrementalHash") ||
        SymbolNames.IsNamed(type, "System.Security.Cryptography", "HashAlgorithm") ||
        SymbolNames.IsNamed(type, "System.IO.Hashing", "NonCryptographicHashAlgorithm");

    /// <summary><c>System.Collections</c> or a namespace inside it, except the concurrent, immutable and frozen ones.</summary>
    public static bool IsCollectionNamespace(INamespaceSymbol? space)
    {
        string name = space?.ToDisplayString() ?? "";
        return name == "System.Collections" ||
               (name.StartsWith("System.Collections.", System.StringComparison.Ordinal) &&
                name is not ("System.Collections.Concurrent" or "System.Collections.Immutable" or "System.Collections.Frozen"));
    }

    /// <summary>
    /// Storage inside a collection that <c>CollectionsMarshal</c> hands out, to be written without the collection's own
    /// methods: the list's array (<c>AsSpan(list)</c>) and a value of a dictionary (<c>GetValueRefOrNullRef</c>,
    /// <c>GetValueRefOrAddDefault</c>). A write through such a reference is a write of the collection's storage; the
    /// insert <c>GetValueRefOrAddDefault</c> makes is another change, reported at the call.
    /// </summary>
    public static bool IsCollectionStorage(IInvocationOperation call) =>
        call.Instance is null && call.Arguments.Length > 0 && call.TargetMethod.Name is "AsSpan" or "GetValueRefOrNullRef" or "GetValueRefOrAddDefault" &&
        IsCollectionsMarshal(call.TargetMethod.ContainingType);

    /// <summary>
    /// The variable, array or span whose storage a library call returns a reference or a view of, or null: a method of
    /// <c>Unsafe</c> or <c>MemoryMarshal</c> returning a reference or a span (<c>GetArrayDataReference(array)</c>,
    /// <c>GetReference(span)</c>, <c>Add(ref r, i)</c>, <c>AsRef(in x)</c>, <c>CreateSpan(ref x, n)</c>, <c>Cast(span)</c>),
    /// <c>Unsafe.As(object)</c> (the same object), <c>MemoryExtensions.AsSpan(array)</c> and a span's <c>Slice</c>: made of its
    /// first argument (or the span it is called on), so a write through it writes that.
    /// </summary>
    private static IOperation? ViewOf(IInvocationOperation call)
    {
        IMethodSymbol method = call.TargetMethod;
        if (call.Instance is { } instance)
        {
            return IsSpan(instance.Type) && method.Name == "Slice" ? instance : null;
        }

        if (call.Arguments.Length == 0)
        {
            return null;
        }

        string space = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? "";
        bool viewReturned = method.ReturnsByRef || method.ReturnsByRefReadonly || IsSpan(method.ReturnType);
        bool madeOfArgument = method.ContainingType?.Name switch
        {
            "Unsafe" => space == "System.Runtime.CompilerServices" && (viewReturned || (method.Name == "As" && method.ReturnType.IsReferenceType)),
            "MemoryMarshal" => space == "System.Runtime.InteropServices" && viewReturned,
            "MemoryExtensions" => space == "System" && method.Name == "AsSpan",
            _ => false,
        };
        return madeOfArgument ? call.Arguments[0].Value : null;
    }

    /// <summary><c>System.Runtime.InteropServices.CollectionsMarshal</c>.</summary>
    public static bool IsCollectionsMarshal(INamedTypeSymbol? type) =>
        type is { Name: "CollectionsMarshal" } && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.InteropServices";

    /// <summary><c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>: a view of memory someone else holds.</summary>
    public static bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { MetadataName: "Span`1" or "ReadOnlySpan`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// A local of a reference type, a ref local or a span that every store gives the same shared object (or storage) or
    /// parameter; a store of anything else, or a write other than a plain store, makes it per call.
    /// </summary>
    private int OfReturnedReference(IInvocationOperation call)
    {
        IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
        if (!callee.IsStatic && call.Instance?.WithoutConversions() is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
        {
            return NotShared;
        }

        if (_bodyOf!(callee) is not { } body)
        {
            return NotShared;
        }

        IOperation? returned = null;
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            if (operation is IReturnOperation { ReturnedValue: { } value })
            {
                if (returned is not null)
                {
                    return NotShared;
                }

                returned = value;
            }
        }

        return returned is not null && new SharedObjects(callee, new List<IOperation> { body }).Of(returned) == Shared ? Shared : NotShared;
    }

    private int OfLocal(ILocalSymbol local)
    {
        if (!local.IsRef && !local.Type.IsReferenceType && !IsSpan(local.Type))
        {
            return NotShared;
        }

        if (_locals.TryGetValue(local, out int known))
        {
            return known;
        }

        _locals[local] = NotShared;    // a local stored from itself (through a cycle) adds nothing
        _stores ??= CollectStores();
        int reach = NotShared;
        if (_stores.TryGetValue(local, out List<IOperation>? values) && values is not null)
        {
            foreach (IOperation value in values)
            {
                int one = Of(value);
                if (one == NotShared || (reach >= 0 && one >= 0 && one != reach))
                {
                    reach = NotShared;
                    break;
                }

                // Shared on some stores and a parameter on others: shared when the parameter is.
                reach = reach == NotShared || reach == Shared ? one : reach;
            }
        }

        _locals[local] = reach;
        return reach;
    }

    private Dictionary<ILocalSymbol, List<IOperation>?> CollectStores()
    {
        var stores = new Dictionary<ILocalSymbol, List<IOperation>?>(SymbolEqualityComparer.Default);
        void Store(ILocalSymbol local, IOperation? value)
        {
            if (stores.TryGetValue(local, out List<IOperation>? values) && values is null)
            {
                return;
            }

            if (value is null)
            {
                stores[local] = null;
                return;
            }

            if (values is null)
            {
                stores[local] = values = new List<IOperation>();
            }

            values.Add(value);
        }

        // The targets of a deconstruction of a tuple written in place, given their element as a declaration would be.
        HashSet<IOperation>? paired = null;
        foreach (IOperation block in _blocks)
        {
            foreach (IOperation operation in block.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                        Store(declarator.Symbol, initializer.Value);
                        break;
                    // `var (index, at) = (s_offsetByKey, offset);`: each local holds its element.
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach ((ILocalSymbol local, IOperation value) in Deconstructions.Pairs(deconstruction))
                        {
                            Store(local, value);
                            foreach (IOperation target in deconstruction.Target.DescendantsAndSelf())
                            {
                                if (target is ILocalReferenceOperation named && SymbolEqualityComparer.Default.Equals(named.Local, local))
                                {
                                    (paired ??= new HashSet<IOperation>()).Add(target);
                                }
                            }
                        }

                        break;
                    // `s_byPath[path] = fds = new List<int>()`: the fresh object is published where the outer store puts it, in
                    // the same expression, and is what the local holds from then on (not shared when that place is per call).
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Parent: ISimpleAssignmentOperation outer } assignment
                        when !target.Local.IsRef && !assignment.IsRef && outer.Value == assignment:
                        Store(target.Local, outer);
                        break;
                    // A plain `=` to a ref local writes through it; only `r = ref ...` points it elsewhere.
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.IsRef || !target.Local.IsRef:
                        Store(target.Local, assignment.Value);
                        break;
                    case IForEachLoopOperation loop:
                        foreach (ILocalSymbol local in loop.Locals)
                        {
                            Store(local, null);
                        }

                        break;
                    case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }:
                        Store(declared, null);
                        break;
                    case ICatchClauseOperation catchClause:
                        foreach (ILocalSymbol local in catchClause.Locals)
                        {
                            Store(local, null);
                        }

                        break;
                    case ILocalReferenceOperation reference when HolderTakenFrom(reference) is { } holder:
                        // `s_byPath.TryGetValue(path, out var fds)`: the object the collection holds, as shared as the collection.
                        Store(reference.Local, holder);
                        break;
                    case ILocalReferenceOperation reference when IsOtherWrite(reference) && paired?.Contains(reference) != true:
                        Store(reference.Local, null);
                        break;
                }
            }
        }

        return stores;
    }

    /// <summary>
    /// The collection a local is given an element of through an <c>out</c> argument of a lookup that leaves the element
    /// in (<c>TryGetValue</c>, <c>TryPeek</c>): the object stays where every other caller finds it. Null otherwise (a
    /// <c>TryRemove</c> or <c>TryDequeue</c> takes the element out, to this caller alone).
    /// </summary>
    private static IOperation? HolderTakenFrom(ILocalReferenceOperation reference)
    {
        IOperation? parent = reference.Parent is IDeclarationExpressionOperation declaration ? declaration.Parent : reference.Parent;
        return parent is IArgumentOperation { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation { Instance: { } holder, TargetMethod.Name: "TryGetValue" or "TryPeek" } } &&
               HoldsObjects(holder, reference.Local.Type)
            ? holder
            : null;
    }

    /// <summary>
    /// Whether <paramref name="holder"/> is a .NET collection (any of <c>System.Collections</c> and the namespaces inside
    /// it, concurrent ones included: they synchronize their own structure, not the objects in it) and the element read
    /// out of it is an object, not a copy of a value.
    /// </summary>
    private static bool HoldsObjects(IOperation holder, ITypeSymbol? element)
    {
        if (element is not { IsReferenceType: true } || element.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        for (ITypeSymbol? current = holder.WithoutConversions().Type; current is INamedTypeSymbol { TypeKind: TypeKind.Class } named; current = current.BaseType)
        {
            if (named.DeclaringSyntaxReferences.IsEmpty && named.ContainingNamespace?.ToDisplayString() is { } space &&
                (space == "System.Collections" || space.StartsWith("System.Collections.", System.StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A write to a local other than a plain store: <c>out</c>/<c>ref</c> arguments, deconstructions, <c>out var</c>.</summary>
    private static bool IsOtherWrite(ILocalReferenceOperation reference)
    {
        if (reference.IsDeclaration)
        {
            return true;
        }

        if (reference.Local.IsRef)
        {
            // `slot++`, `Update(out slot)` write through a ref local; they do not point it elsewhere.
            return false;
        }

        IOperation? parent = reference.Parent;
        return parent switch
        {
            IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } => true,
            ITupleOperation => true,
            ICompoundAssignmentOperation or ICoalesceAssignmentOperation or IIncrementOrDecrementOperation => GetTarget(parent) == reference,
            _ => false,
        };
    }

    private static IOperation? GetTarget(IOperation operation) => operation switch
    {
        ICompoundAssignmentOperation compound => compound.Target,
        ICoalesceAssignmentOperation coalesce => coalesce.Target,
        IIncrementOrDecrementOperation increment => increment.Target,
        _ => null,
    };

    /// <summary>
    /// The existing value a <c>ConcurrentDictionary.AddOrUpdate</c> update lambda is given (<c>(_, usage) =&gt; { usage.Samples++;
    /// return usage; }</c>): an object the dictionary holds, so as shared as the dictionary. The dictionary runs that lambda
    /// outside its locks, on every caller that updates the key at once (and again when its swap loses), so writes into the
    /// object race. A reference type only: a struct value is a copy. <see cref="NotShared"/> for any other lambda parameter.
    /// </summary>
    private int ExistingValueOfUpdate(IParameterReferenceOperation reference)
    {
        if (reference.Parameter is not { Ordinal: 1, RefKind: RefKind.None, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda } ||
            !reference.Parameter.Type.IsReferenceType)
        {
            return NotShared;
        }

        for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation function || !SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                continue;
            }

            IOperation? argument = function.Parent is IDelegateCreationOperation creation ? creation.Parent : function.Parent;
            return argument is IArgumentOperation { Parameter.Name: "updateValueFactory", Parent: IInvocationOperation { TargetMethod.Name: "AddOrUpdate" } update } &&
                   update.TargetMethod.ContainingType is { Name: "ConcurrentDictionary", ContainingNamespace: var space } &&
                   space.ToDisplayString() == "System.Collections.Concurrent"
                ? Of(update.Instance)
                : NotShared;
        }

        return NotShared;
    }

    /// <summary>A parameter of the method itself, not of a lambda or local function inside it.</summary>
    private bool IsOwnParameter(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol owner &&
        (SymbolEqualityComparer.Default.Equals(owner, _method) || SymbolEqualityComparer.Default.Equals(owner.PartialImplementationPart ?? owner, _method) ||
         SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, _method.OriginalDefinition));

    public static bool IsThreadStatic(IFieldSymbol field)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "ThreadStaticAttribute")
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }
}
