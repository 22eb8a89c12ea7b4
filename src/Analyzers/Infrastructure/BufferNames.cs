using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which array each of a few buffer locals names, along the paths, for locals that only ever take each other's arrays
/// once declared: a plain copy (<c>spare = active;</c>) or the swap of double buffering (<c>(active, standby) = (standby,
/// active);</c>), a loop's back edge included. An operation started through one of them is on the array that local
/// named then, so after a swap a write through the other name is the array in flight and one through the same name is
/// not. Facts are packed in one <see cref="ulong"/> per path: four bits per local for the array it names (arrays are
/// numbered by the local that held each first), and four bits per followed operation for the array it was started on.
/// </summary>
/// <remarks>
/// Conservative where the names cannot be told: a local also given anything else after its declaration (a rent, a
/// field, a call's result, an <c>out</c> argument), one taken by <c>ref</c>, or one a lambda or local function mentions is
/// not followed, and neither is one copied from such a local; nor are more than <see cref="MaxLocals"/> locals or
/// operations. For those, and where paths were merged (<see cref="Unknown"/>), the rule decides by name as before.
/// </remarks>
internal sealed class BufferNames
{
    /// <summary>The facts of a path on which the names are not known (paths merged).</summary>
    public const ulong Unknown = ulong.MaxValue;

    private const int MaxLocals = 8;
    private const int MaxFlights = 8;
    private const int Bits = 4;
    private const ulong Mask = (1UL << Bits) - 1;

    private readonly List<ILocalSymbol> _locals;
    private readonly int[] _slotOfFlight;
    private readonly int[] _localOfSlot;
    private readonly SemanticModel _model;

    private BufferNames(List<ILocalSymbol> locals, int[] slotOfFlight, int[] localOfSlot, SemanticModel model)
    {
        _locals = locals;
        _slotOfFlight = slotOfFlight;
        _localOfSlot = localOfSlot;
        _model = model;
    }

    /// <summary>Every local names the array it is declared with; no operation started yet.</summary>
    public ulong Entry
    {
        get
        {
            ulong names = 0;
            for (int i = 0; i < _locals.Count; i++)
            {
                names = Set(names, i, i);
            }

            return names;
        }
    }

    /// <summary>
    /// The locals to follow in <paramref name="body"/>, or null when it copies no buffer local into another, or no
    /// operation (given its buffers, by index) is started through a followed local.
    /// </summary>
    public static BufferNames? Collect(FunctionBody body, IReadOnlyList<List<ISymbol>> flights, SemanticModel model)
    {
        // The locals one copy or swap involves, both sides.
        var candidates = new List<ILocalSymbol>();
        foreach (IOperation operation in body.Operations)
        {
            foreach ((ILocalSymbol target, IOperation value) in Writes(operation))
            {
                if (value.WithoutConversions() is ILocalReferenceOperation source && IsBufferType(target.Type) && IsBufferType(source.Local.Type))
                {
                    AddOnce(candidates, target);
                    AddOnce(candidates, source.Local);
                }
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // Drop those written some other way, taken by reference or mentioned by a lambda or local function, until every
        // copy left is between followed locals.
        var dropped = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (ILocalSymbol local in candidates)
        {
            if (local.IsRef || MentionedInNestedFunction(body.Root.Syntax, local))
            {
                dropped.Add(local);
            }
        }

        foreach (IOperation operation in body.Operations)
        {
            if (operation is ILocalReferenceOperation reference && IsTakenByReference(reference))
            {
                dropped.Add(reference.Local);
            }
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (IOperation operation in body.Operations)
            {
                bool isDeclaration = operation is IVariableDeclaratorOperation;
                foreach ((ILocalSymbol target, IOperation value) in Writes(operation))
                {
                    if (IndexIn(candidates, target) < 0 || dropped.Contains(target))
                    {
                        continue;
                    }

                    // A declaration may give anything: the array is the local's own. Any other write must be a followed local.
                    bool fromFollowed = value.WithoutConversions() is ILocalReferenceOperation source &&
                                        IndexIn(candidates, source.Local) >= 0 && !dropped.Contains(source.Local);
                    if (!fromFollowed && !(isDeclaration && value.WithoutConversions() is not ILocalReferenceOperation))
                    {
                        changed |= dropped.Add(target);
                    }
                }

                // Written through a deconstruction of anything but a tuple written in place, or as an out argument.
                foreach (ILocalSymbol written in OtherWrites(operation))
                {
                    if (IndexIn(candidates, written) >= 0)
                    {
                        changed |= dropped.Add(written);
                    }
                }
            }
        }

        var locals = new List<ILocalSymbol>();
        foreach (ILocalSymbol candidate in candidates)
        {
            if (!dropped.Contains(candidate))
            {
                locals.Add(candidate);
            }
        }

        if (locals.Count == 0 || locals.Count > MaxLocals)
        {
            return null;
        }

        var slotOfFlight = new int[flights.Count];
        var localOfSlot = new List<int>();
        for (int f = 0; f < flights.Count; f++)
        {
            slotOfFlight[f] = -1;
            int only = -1;
            int count = 0;
            foreach (ISymbol buffer in flights[f])
            {
                int index = buffer is ILocalSymbol local ? IndexIn(locals, local) : -1;
                if (index >= 0)
                {
                    only = index;
                    count++;
                }
            }

            if (count == 1 && localOfSlot.Count < MaxFlights)
            {
                slotOfFlight[f] = localOfSlot.Count;
                localOfSlot.Add(only);
            }
        }

        return localOfSlot.Count == 0 ? null : new BufferNames(locals, slotOfFlight, localOfSlot.ToArray(), model);
    }

    /// <summary>Whether <paramref name="operation"/> changes what a followed local names (a graph's assignment or deconstruction).</summary>
    public bool Changes(IOperation operation) =>
        operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } && IndexIn(_locals, target.Local) >= 0 ||
        operation is IDeconstructionAssignmentOperation;

    /// <summary>The facts after <paramref name="operation"/> gave followed locals the arrays of others (or, declared, their own).</summary>
    public ulong Apply(IOperation operation, ulong names)
    {
        if (names == Unknown)
        {
            return names;
        }

        // The graph may hold the right side in captures: read the assignment as written.
        IOperation written = operation.Syntax is { } syntax && _model.GetOperation(syntax) is { } original &&
                             original.Kind == operation.Kind ? original : operation;
        if (operation is ISimpleAssignmentOperation && operation.Syntax is VariableDeclaratorSyntax declarator &&
            _model.GetOperation(declarator) is IVariableDeclaratorOperation declared)
        {
            written = declared;
        }

        // Every right side is read before any local is given its value (a swap).
        var updates = new List<(int Target, int Array)>();
        foreach ((ILocalSymbol target, IOperation value) in Writes(written))
        {
            int index = IndexIn(_locals, target);
            if (index < 0)
            {
                continue;
            }

            int source = value.WithoutConversions() is ILocalReferenceOperation reference ? IndexIn(_locals, reference.Local) : -1;
            updates.Add((index, source >= 0 ? Get(names, source) : index));
        }

        foreach ((int target, int array) in updates)
        {
            names = Set(names, target, array);
        }

        return names;
    }

    /// <summary>The facts once the operations of <paramref name="started"/> (flight bits) start: each on the array its local names.</summary>
    public ulong Start(ulong names, ulong started)
    {
        if (names == Unknown)
        {
            return names;
        }

        for (int f = 0; f < _slotOfFlight.Length && started != 0; f++)
        {
            int slot = _slotOfFlight[f];
            if ((started & (1UL << f)) != 0 && slot >= 0)
            {
                names = Set(names, MaxLocals + slot, Get(names, _localOfSlot[slot]));
            }
        }

        return names;
    }

    /// <summary>
    /// Whether <paramref name="buffer"/> names the array operation <paramref name="flight"/> was started on, on a path with
    /// these facts; null when that is not followed here (the rule then decides by name).
    /// </summary>
    public bool? Names(ulong names, int flight, ISymbol buffer)
    {
        if (names == Unknown || flight >= _slotOfFlight.Length || _slotOfFlight[flight] < 0 || buffer is not ILocalSymbol local)
        {
            return null;
        }

        int index = IndexIn(_locals, local);
        return index < 0 ? null : Get(names, index) == Get(names, MaxLocals + _slotOfFlight[flight]);
    }

    private static int Get(ulong names, int field) => (int)((names >> (field * Bits)) & Mask);

    private static ulong Set(ulong names, int field, int value) =>
        (names & ~(Mask << (field * Bits))) | ((ulong)value << (field * Bits));

    /// <summary>The locals an operation gives a value, each with it: a declaration, an assignment, a deconstruction of a tuple written in place.</summary>
    private static List<(ILocalSymbol Target, IOperation Value)> Writes(IOperation operation)
    {
        var writes = new List<(ILocalSymbol, IOperation)>();
        switch (operation)
        {
            case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                writes.Add((declarator.Symbol, initial));
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: { } value, IsRef: false }:
                writes.Add((target.Local, value));
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                writes.AddRange(Deconstructions.Pairs(deconstruction));
                break;
        }

        return writes;
    }

    /// <summary>Locals written in a way <see cref="Writes"/> does not pair with a value: by a deconstruction of something else, or as an out argument.</summary>
    private static IEnumerable<ILocalSymbol> OtherWrites(IOperation operation)
    {
        if (operation is IDeconstructionAssignmentOperation deconstruction)
        {
            List<(ILocalSymbol Local, IOperation Value)> paired = Deconstructions.Pairs(deconstruction);
            foreach (IOperation target in deconstruction.Target.DescendantsAndSelf())
            {
                if (target is ILocalReferenceOperation local && !paired.Exists(p => SymbolEqualityComparer.Default.Equals(p.Local, local.Local)))
                {
                    yield return local.Local;
                }
            }
        }
    }

    private static bool IsTakenByReference(ILocalReferenceOperation reference)
    {
        IOperation? parent = reference.Parent;
        return parent switch
        {
            IArgumentOperation { Parameter.RefKind: not RefKind.None } => true,
            IAddressOfOperation => true,
            ISimpleAssignmentOperation { IsRef: true } => true,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => true,
            _ => false,
        };
    }

    // Any mention by name inside a lambda or local function of the body: it may run at another time, or write the local.
    private static bool MentionedInNestedFunction(SyntaxNode root, ILocalSymbol local)
    {
        foreach (SyntaxNode node in root.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name)
            {
                for (SyntaxNode? outer = name.Parent; outer is not null && outer != root; outer = outer.Parent)
                {
                    if (outer is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsBufferType(ITypeSymbol type) =>
        type is IArrayTypeSymbol ||
        type is INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", Arity: 1, ContainingNamespace.Name: "System" };

    private static void AddOnce(List<ILocalSymbol> locals, ILocalSymbol local)
    {
        if (IndexIn(locals, local) < 0)
        {
            locals.Add(local);
        }
    }

    private static int IndexIn(List<ILocalSymbol> locals, ILocalSymbol local)
    {
        for (int i = 0; i < locals.Count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(locals[i], local))
            {
                return i;
            }
        }

        return -1;
    }
}
