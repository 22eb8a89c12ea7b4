using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// A value given to a local that is per-thread state on some path without being a plain read of it (ASYS1002): the arm of
/// a <c>?:</c> or switch expression (<c>int home = pinned ? Environment.CurrentManagedThreadId : -1</c>), or an integer
/// computed from a thread id (<c>int stripe = (Environment.CurrentManagedThreadId &amp; 15) * 16</c>, <c>owner % 16</c>).
/// </summary>
/// <remarks>
/// An arm hands on the read itself, so the local is the read on that path and is judged like it. A value computed from an
/// id is something else: a stripe or a shard picked by the thread, which any thread may use to spread contention. It is a
/// hazard only where the code relies on the stripe being this thread's own, which <see cref="IsUnsynchronizedUpdateIndex"/>
/// tells from the use.
/// </remarks>
internal readonly struct ThreadValue
{
    private ThreadValue(string what, bool computed)
    {
        What = what;
        Computed = computed;
    }

    /// <summary>The per-thread read, as a message names it.</summary>
    public string What { get; }

    /// <summary>Computed from a thread id by arithmetic, rather than the read itself on some path.</summary>
    public bool Computed { get; }

    /// <summary>
    /// The per-thread read the value is (on some path) or is computed from; <paramref name="isThreadIdLocal"/> says which
    /// locals already hold a thread id, so that <c>owner % 16</c> counts. Null when it is neither, or a plain read.
    /// </summary>
    public static ThreadValue? Of(ThreadAffinity affinity, IOperation value, System.Func<ILocalSymbol, bool>? isThreadIdLocal) =>
        value.WithoutConversions() switch
        {
            IConditionalOperation or ISwitchExpressionOperation or IBinaryOperation or IUnaryOperation => Find(affinity, value, isThreadIdLocal, computed: false),
            IInvocationOperation or IPropertyReferenceOperation => EntryKeyedByThread(affinity, value.WithoutConversions()),
            _ => null,
        };

    /// <summary>Whether the value could be computed from a local holding a thread id (the only shapes <see cref="Of"/> looks into).</summary>
    public static bool MayDeriveFromLocal(IOperation value) =>
        value.WithoutConversions() is IConditionalOperation or ISwitchExpressionOperation or IBinaryOperation or IUnaryOperation;

    /// <summary>
    /// "This thread's" object kept in a dictionary under the thread id (<c>_scratch.GetOrAdd(Environment.CurrentManagedThreadId,
    /// _ =&gt; new byte[n])</c>, <c>AddOrUpdate(id, ...)</c>, <c>map[Environment.CurrentManagedThreadId]</c>): per-thread
    /// state in effect, since every other caller on that thread gets the same object. Only a reference (an array, a builder):
    /// a number or a string read out is a copy. A key computed from the id (<c>id % 16</c>) is a shard any thread may use.
    /// The id read in the lookup itself: code that keeps the id in a local (<c>int key = ...; GetOrAdd(key, ...)</c>) is
    /// judged by that local's uses after the await (removing "this thread's" entry with it), one hazard reported once.
    /// </summary>
    private static ThreadValue? EntryKeyedByThread(ThreadAffinity affinity, IOperation lookup)
    {
        if (lookup.Type is not { IsReferenceType: true, SpecialType: not SpecialType.System_String } || DictionaryLookupKey(lookup) is not { } key)
        {
            return null;
        }

        key = key.WithoutConversions();
        if (affinity.Describe(key) is not { } what || !IsThreadId(key, what))
        {
            return null;
        }

        IOperation? dictionary = lookup is IInvocationOperation call ? call.Instance : ((IPropertyReferenceOperation)lookup).Instance;
        string name = dictionary?.WithoutConversions() switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            ILocalReferenceOperation holder => holder.Local.Name,
            _ => "a dictionary",
        };
        return new ThreadValue("this thread's entry of '" + name + "', keyed by the thread id", computed: false);
    }

    /// <summary>The key of a dictionary's <c>GetOrAdd</c>, <c>AddOrUpdate</c> or indexer read; null for any other call.</summary>
    private static IOperation? DictionaryLookupKey(IOperation lookup)
    {
        (IOperation? instance, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments) = lookup switch
        {
            IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "AddOrUpdate" } call => (call.Instance, call.Arguments),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer => (indexer.Instance, indexer.Arguments),
            _ => (null, default),
        };
        if (instance?.Type is not INamedTypeSymbol type || arguments.IsDefaultOrEmpty || !IsDictionary(type))
        {
            return null;
        }

        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static bool IsDictionary(INamedTypeSymbol type)
    {
        if (IsDictionaryDefinition(type))
        {
            return true;
        }

        foreach (INamedTypeSymbol contract in type.AllInterfaces)
        {
            if (IsDictionaryDefinition(contract))
            {
                return true;
            }
        }

        return false;

        static bool IsDictionaryDefinition(INamedTypeSymbol candidate) =>
            candidate.Arity == 2 && candidate.Name is "ConcurrentDictionary" or "IDictionary" or "IReadOnlyDictionary" &&
            candidate.ContainingNamespace?.ToDisplayString() is "System.Collections.Concurrent" or "System.Collections.Generic";
    }

    /// <summary>
    /// Whether a use of a value computed from a thread id indexes an element that is then read, changed and written back
    /// without synchronization (<c>_inFlight[stripe]--</c>, <c>counts[stripe] += n</c>): code that counts on no other
    /// thread using that stripe, which stops holding once an await may have moved it to another thread.
    /// <c>Interlocked.Decrement(ref _inFlight[stripe])</c> is right on any thread and is not one.
    /// </summary>
    public static bool IsUnsynchronizedUpdateIndex(IOperation use)
    {
        IOperation current = use;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        IOperation? element = current.Parent switch
        {
            IArrayElementReferenceOperation array when array.Indices.Contains(current) => array,
            IArgumentOperation { Parent: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } => indexer,
            _ => null,
        };
        return element?.Parent switch
        {
            IIncrementOrDecrementOperation change => change.Target == element,
            ICompoundAssignmentOperation compound => compound.Target == element,
            _ => false,
        };
    }

    private static ThreadValue? Find(ThreadAffinity affinity, IOperation value, System.Func<ILocalSymbol, bool>? isThreadIdLocal, bool computed)
    {
        switch (value)
        {
            case IConversionOperation conversion:
                return Find(affinity, conversion.Operand, isThreadIdLocal, computed);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Find(affinity, conditional.WhenTrue, isThreadIdLocal, computed) ?? Find(affinity, whenFalse, isThreadIdLocal, computed);
            case ISwitchExpressionOperation switchExpression:
                foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                {
                    if (Find(affinity, arm.Value, isThreadIdLocal, computed) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case IBinaryOperation binary when IsArithmetic(binary.OperatorKind) && IsInteger(binary.Type):
                return Find(affinity, binary.LeftOperand, isThreadIdLocal, computed: true) ?? Find(affinity, binary.RightOperand, isThreadIdLocal, computed: true);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.BitwiseNegation } unary when IsInteger(unary.Type):
                return Find(affinity, unary.Operand, isThreadIdLocal, computed: true);
            case ILocalReferenceOperation local when computed && isThreadIdLocal is not null && isThreadIdLocal(local.Local):
                return new ThreadValue("the thread id in '" + local.Local.Name + "'", computed: true);
            default:
                // Arithmetic is followed from a thread id only: a number computed from a [ThreadStatic] counter is a number.
                // So is a number, flag or text read out in one arm of a conditional or switch (int error = rc < 0 ?
                // t_lastError : 0): a copy, as a plain copy of it is. A thread id and a reference (this thread's object) flow.
                string? what = affinity.Describe(value);
                if (what is null || (computed && !IsThreadId(value, what)))
                {
                    return null;
                }

                return IsCopiedOut(value.Type) && !IsThreadId(value, what) ? null : new ThreadValue(what, computed);
        }
    }

    /// <summary>
    /// A value a read copies out (a number, bool, enum, char or string), as opposed to a reference to an object or an
    /// address (nint may be this thread's native scratch).
    /// </summary>
    private static bool IsCopiedOut(ITypeSymbol? type) =>
        type is not null && (type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean
            or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal);

    /// <summary>Whether a per-thread read is a thread id (<c>Environment.CurrentManagedThreadId</c>, <c>Thread.CurrentThread.ManagedThreadId</c>, a helper returning one).</summary>
    private static bool IsThreadId(IOperation read, string what) =>
        read.WithoutConversions() is IPropertyReferenceOperation { Property.Name: "CurrentManagedThreadId" or "ManagedThreadId" } || NamesThreadId(what);

    /// <summary>Whether a read's description (<see cref="ThreadAffinity.Describe"/>) is of a thread id, a helper's included.</summary>
    internal static bool NamesThreadId(string what) =>
        what.EndsWith("ManagedThreadId", System.StringComparison.Ordinal) || what.EndsWith("ManagedThreadId)", System.StringComparison.Ordinal);

    private static bool IsArithmetic(BinaryOperatorKind kind) => kind is
        BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or
        BinaryOperatorKind.Remainder or BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr or
        BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift;

    private static bool IsInteger(ITypeSymbol? type) => type?.SpecialType is
        SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
        SpecialType.System_IntPtr or SpecialType.System_UIntPtr;
}
