using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// The one case where ASYS1005 tells two parts of a buffer apart: the operation has the first <c>n</c> elements
/// (<c>_out.AsMemory(0, n)</c>, <c>buffer.Slice(0, n)</c>, <c>span[..n]</c>) and the code writes from <c>n</c> on
/// (<c>_out.AsSpan(n)</c>, <c>buffer.Slice(n)</c>, <c>span[n..]</c>) of the same variable, with the same <c>n</c>
/// (a local, parameter or field) that nothing changes in between. Appending after the bytes in flight is how
/// pipelining clients fill their output buffer. The bound may be that variable plus or minus a constant, as a frame
/// with a trailer is sent (<c>AsMemory(0, n + 2)</c> for a payload and its CRC) and the next one staged after it
/// (<c>AsSpan(n + 2)</c>): the write must start at or after the end, the same variable with a constant at least as large.
/// Anything else (another variable, other arithmetic, a value that may have changed) is still a touch of the whole
/// buffer.
/// </summary>
internal static class InFlightRange
{
    /// <summary>
    /// Whether every expression of <paramref name="touch"/> that reaches <paramref name="buffer"/> starts where every
    /// argument of the operation that reaches it ends.
    /// </summary>
    public static bool TouchesOnlyAfter(Buffers buffers, FunctionBody body, ISymbol buffer, IOperation touch, IReadOnlyList<IOperation> inFlight, SyntaxNode call)
    {
        var touched = new List<IOperation>();
        if (touch is IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance && buffers.RootOf(instance) is { } instanceRoot && SymbolEqualityComparer.Default.Equals(instanceRoot, buffer))
            {
                touched.Add(instance);
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (buffers.RootOf(argument.Value) is { } root && SymbolEqualityComparer.Default.Equals(root, buffer))
                {
                    touched.Add(argument.Value);
                }
            }
        }

        else
        {
            // An element write through a view local (`values[i] *= f` with `values = MemoryMarshal.Cast<byte, float>(x.AsSpan(0, 4096))`)
            // writes the slice the view was made of, when the local is given that view once and never again.
            foreach (IOperation part in touch.DescendantsAndSelf())
            {
                if (part is ILocalReferenceOperation { Local: var local } && SliceBehindView(body, local) is { } slice &&
                    buffers.RootOf(slice) is { } viewRoot && SymbolEqualityComparer.Default.Equals(viewRoot, buffer))
                {
                    touched.Add(slice);
                }
            }
        }

        var held = new List<IOperation>();
        foreach (IOperation argument in inFlight)
        {
            if (buffers.RootOf(argument) is { } root && SymbolEqualityComparer.Default.Equals(root, buffer))
            {
                held.Add(argument);
            }
        }

        if (touched.Count == 0 || held.Count == 0)
        {
            return false;
        }

        if (ApartByConstants(body, touched, held))
        {
            return true;
        }

        if (AfterAppendCursor(body, touched, held, call, touch))
        {
            return true;
        }

        foreach (IOperation written in touched)
        {
            if (Bounds(written, wantStart: true) is not { } start || !Unchanged(body, start.Source, call, touch) || !Unchanged(body, start.Offset, call, touch))
            {
                return false;
            }

            foreach (IOperation read in held)
            {
                if (Bounds(read, wantStart: false) is not { } end ||
                    !SymbolEqualityComparer.Default.Equals(end.Source, start.Source) || !SymbolEqualityComparer.Default.Equals(end.Offset, start.Offset) ||
                    start.Addend < end.Addend)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// An append cursor (since round 49): each operation has <c>x.Slice(used, n)</c> (or <c>AsMemory(used, n)</c>) and
    /// the next statement that writes <c>used</c> after the start is <c>used += n</c> with the same <c>n</c>, in the same
    /// block, with no jump between; <c>used</c> is a local that nothing else writes after its declaration. Every
    /// operation started there lies below the cursor by the time the code gets past it, so a write from <c>used</c> on
    /// (<c>x.Span.Slice(used)</c>, <c>x.AsSpan(used)</c>) that is not between a start and its <c>+=</c>, nor in a
    /// <c>catch</c> or <c>finally</c> (an exception between them would leave the cursor short), touches only bytes no
    /// operation has: a batch copying records one after another into one buffer and writing each slice as it goes.
    /// </summary>
    private static bool AfterAppendCursor(FunctionBody body, List<IOperation> touched, List<IOperation> held, SyntaxNode call, IOperation touch)
    {
        for (SyntaxNode? node = touch.Syntax; node is not null; node = node.Parent)
        {
            if (node is CatchClauseSyntax or FinallyClauseSyntax)
            {
                return false;
            }
        }

        foreach (IOperation read in held)
        {
            if (CursorSlice(read) is not { Length: { } length } slice || slice.Cursor is not ILocalSymbol cursor ||
                CursorIncrement(body, cursor, length, call) is not { } increment ||
                (touch.Syntax.SpanStart >= call.SpanStart && touch.Syntax.SpanStart < increment.Span.End))
            {
                return false;
            }

            foreach (IOperation written in touched)
            {
                if (CursorSlice(written) is not { } start || !SymbolEqualityComparer.Default.Equals(start.Source, slice.Source) ||
                    !SymbolEqualityComparer.Default.Equals(start.Cursor, cursor))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A slice <c>x.Slice(c, n)</c>/<c>AsMemory(c, n)</c>/<c>AsSpan(c)</c> of a variable, or of a get-only property read
    /// from a local or parameter (<c>batch.Buffer.Span.Slice(used)</c>): that variable or property, <c>c</c>'s variable and
    /// <c>n</c> (null when the slice runs to the end).
    /// </summary>
    private static (ISymbol Source, ISymbol Cursor, IOperation? Length)? CursorSlice(IOperation value)
    {
        value = value.WithoutConversions();
        while (value is IPropertyReferenceOperation { Property.Name: "Span" or "Memory", Instance: { } sliced })
        {
            value = sliced.WithoutConversions();
        }

        if (value is not IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan" or "Slice" } slice)
        {
            return null;
        }

        IOperation? source = slice.Instance, start = null, length = null;
        foreach (IArgumentOperation argument in slice.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "start":
                    start = argument.Value;
                    break;
                case "length":
                    length = argument.Value;
                    break;
                default:
                    if (slice.Instance is null && argument.Parameter?.Ordinal == 0)
                    {
                        source = argument.Value;
                        break;
                    }

                    return null;
            }
        }

        source = Whole(source);
        ISymbol? whole = Variable(source) ??
            (source is IPropertyReferenceOperation { Property: { SetMethod: null, IsIndexer: false } property, Instance: ILocalReferenceOperation or IParameterReferenceOperation } ? property : null);
        return whole is not null && Variable(start) is { } cursor ? (whole, cursor, length) : null;
    }

    /// <summary>
    /// The statement <c>cursor += length</c> (the same expression as the slice's length, whose variables nothing writes)
    /// that follows the statement of the start in its block with no jump between, when it is the only write of the
    /// cursor besides its declaration; otherwise null.
    /// </summary>
    private static SyntaxNode? CursorIncrement(FunctionBody body, ILocalSymbol cursor, IOperation length, SyntaxNode call)
    {
        SyntaxNode? increment = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ILocalReferenceOperation reference && IsWritten(reference))
            {
                if (SymbolEqualityComparer.Default.Equals(reference.Local, cursor))
                {
                    if (increment is not null || reference.Parent is not ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } add ||
                        add.Value.Syntax.ToString() != length.Syntax.ToString() || add.Syntax.Parent is not ExpressionStatementSyntax statement)
                    {
                        return null;
                    }

                    increment = statement;
                }
                else if (ReadsLocal(length, reference.Local))
                {
                    return null;
                }
            }
        }

        StatementSyntax? started = call.FirstAncestorOrSelf<StatementSyntax>();
        if (increment is null || started is null || started.Parent is not BlockSyntax block || increment.Parent != block)
        {
            return null;
        }

        int from = block.Statements.IndexOf(started), to = block.Statements.IndexOf((StatementSyntax)increment);
        if (from < 0 || to <= from)
        {
            return null;
        }

        for (int i = from; i < to; i++)
        {
            foreach (SyntaxNode node in block.Statements[i].DescendantNodesAndSelf())
            {
                if (node is ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax or ReturnStatementSyntax or YieldStatementSyntax or LabeledStatementSyntax)
                {
                    return null;
                }
            }
        }

        return increment;
    }

    private static bool ReadsLocal(IOperation value, ILocalSymbol local)
    {
        foreach (IOperation part in value.DescendantsAndSelf())
        {
            if (part is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The expression a view local is made of, through <c>MemoryMarshal.Cast</c>/<c>AsBytes</c> (which keep its bytes), when
    /// the local is declared with it and never assigned again; otherwise null.
    /// </summary>
    private static IOperation? SliceBehindView(FunctionBody body, ILocalSymbol local)
    {
        if (local.Type is not INamedTypeSymbol { MetadataName: "Span`1" })
        {
            return null;
        }

        IOperation? made = null;
        foreach (IOperation operation in body.Root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var value } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    made = value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null;
            }
        }

        while (made?.WithoutConversions() is IInvocationOperation { TargetMethod: { Name: "Cast" or "AsBytes", ContainingType.Name: "MemoryMarshal" }, Arguments.Length: 1 } cast)
        {
            made = cast.Arguments[0].Value;
        }

        return made?.WithoutConversions();
    }

    /// <summary>
    /// Whether each touched part and each part in flight are slices of the same variable with constant bounds that do
    /// not overlap (<c>rented.AsMemory(0, 4096)</c> and <c>rented.AsMemory(4096, 4096)</c>: two reads into two halves),
    /// also through view locals made once of such slices (<c>Memory&lt;byte&gt; front = memory.Slice(0, Half);</c>,
    /// <c>back = memory.Slice(Half, Half)</c>; since round 49: a slab cut into slots, one operation per slot).
    /// </summary>
    private static bool ApartByConstants(FunctionBody body, List<IOperation> touched, List<IOperation> held)
    {
        foreach (IOperation written in touched)
        {
            if (ConstantRange(body, written, 0) is not { } a)
            {
                return false;
            }

            foreach (IOperation read in held)
            {
                if (ConstantRange(body, read, 0) is not { } b || !SymbolEqualityComparer.Default.Equals(a.Source, b.Source) ||
                    !((a.End is { } aEnd && aEnd <= b.Start) || (b.End is { } bEnd && bEnd <= a.Start)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The variable a value is a view of and the constant part of it the value covers: a slice with a constant start and,
    /// unless it runs to the end, a constant length (<c>AsMemory(4096, 4096)</c>, <c>Slice(8)</c>, <c>[..16]</c>); a slice
    /// whose end is not constant (<c>slot[..(8 + n)]</c>) ends at most where the view it was cut from ends. A local
    /// declared with a view and never assigned again stands for that view (four locals deep); the variable itself, or
    /// a whole view of it, is the part from 0 to its end (null).
    /// </summary>
    private static (ISymbol Source, int Start, int? End)? ConstantRange(FunctionBody body, IOperation value, int depth)
    {
        value = value.WithoutConversions();
        while (value is IPropertyReferenceOperation { Property.Name: "Span" or "Memory", Instance: { } viewed } &&
               viewed.Type is INamedTypeSymbol { MetadataName: "Memory`1" or "ReadOnlyMemory`1" or "Span`1" or "ReadOnlySpan`1" })
        {
            value = viewed.WithoutConversions();
        }

        if (value is ILocalReferenceOperation { Local: var local } && depth < 4 && ViewMadeOnce(body, local) is { } made)
        {
            return ConstantRange(body, made, depth + 1);
        }

        IOperation? source;
        int start = 0;
        int? length = null;
        bool lengthKnown = true;
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan" or "Slice" } slice:
                source = slice.Instance;
                foreach (IArgumentOperation argument in slice.Arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "start":
                            if (Constant(argument.Value) is not { } first)
                            {
                                return null;
                            }

                            start = first;
                            break;
                        case "length":
                            length = Constant(argument.Value);
                            lengthKnown = length is not null;
                            break;
                        default:
                            if (slice.Instance is null && argument.Parameter?.Ordinal == 0)
                            {
                                source = argument.Value;
                                break;
                            }

                            return null;
                    }
                }

                break;
            case IImplicitIndexerReferenceOperation { Instance: { } sliced, Argument: var argument } when argument.WithoutConversions() is IRangeOperation range:
                source = sliced;
                if (range.LeftOperand is { } left)
                {
                    if (IndexConstant(left) is not { } first)
                    {
                        return null;
                    }

                    start = first;
                }

                if (range.RightOperand is { } right)
                {
                    if (IndexConstant(right) is { } last)
                    {
                        length = last - start;
                    }
                    else
                    {
                        lengthKnown = false;
                    }
                }

                break;
            default:
                return Variable(Whole(value)) is { } variable ? (variable, 0, null) : null;
        }

        if (source is null || ConstantRange(body, source, depth) is not { } outer)
        {
            return null;
        }

        int from = outer.Start + start;
        int? to = lengthKnown ? (length is { } count ? from + count : outer.End) : outer.End;
        if (to is { } end && outer.End is { } outerEnd && end > outerEnd)
        {
            to = outerEnd;
        }

        return (outer.Source, from, to);
    }

    private static int? IndexConstant(IOperation value) =>
        value.WithoutConversions() is IOperation index && index.ConstantValue is { HasValue: true, Value: int constant } ? constant : null;

    /// <summary>
    /// What a view local (a <c>Memory</c>, <c>ReadOnlyMemory</c>, <c>Span</c> or <c>ReadOnlySpan</c>) is declared with,
    /// when nothing assigns it again or takes it by reference; otherwise null.
    /// </summary>
    private static IOperation? ViewMadeOnce(FunctionBody body, ILocalSymbol local)
    {
        if (local.Type is not INamedTypeSymbol { MetadataName: "Memory`1" or "ReadOnlyMemory`1" or "Span`1" or "ReadOnlySpan`1" } || local.IsRef)
        {
            return null;
        }

        IOperation? made = null;
        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (made is not null || declarator.Initializer?.Value is not { } value)
                    {
                        return null;
                    }

                    made = value;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsWritten(reference):
                    return null;
            }
        }

        return made;
    }

    private static int? Constant(IOperation value) => value.WithoutConversions().ConstantValue is { HasValue: true, Value: int constant } ? constant : null;

    /// <summary>
    /// For a slice of a variable: with <paramref name="wantStart"/>, the variable its start is read from
    /// (<c>x.AsSpan(n)</c>, <c>x.Slice(n, m)</c>, <c>x[n..]</c>, <c>new Span&lt;T&gt;(x, n, m)</c>); otherwise the variable its
    /// end is read from when it starts at 0 (<c>x.AsMemory(0, n)</c>, <c>x.Slice(0, n)</c>, <c>x[..n]</c>, <c>x[0..n]</c>).
    /// The bound is that variable plus a constant addend (<c>n + 2</c>: 2; <c>n</c>: 0).
    /// </summary>
    private static (ISymbol Source, ISymbol Offset, int Addend)? Bounds(IOperation value, bool wantStart)
    {
        value = value.WithoutConversions();
        while (value is IPropertyReferenceOperation { Property.Name: "Span" or "Memory", Instance: { } sliced })
        {
            // `buffer.Slice(n).Span`: the same elements as the slice.
            value = sliced.WithoutConversions();
        }

        IOperation? source = null, start = null, length = null, range = null;
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan" or "Slice" } slice:
                source = slice.Instance;
                foreach (IArgumentOperation argument in slice.Arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "start":
                            start = argument.Value;
                            break;
                        case "length":
                            length = argument.Value;
                            break;
                        case "range":
                            range = argument.Value;
                            break;
                        default:
                            if (slice.Instance is null && argument.Parameter?.Ordinal == 0)
                            {
                                source = argument.Value;
                            }

                            break;
                    }
                }

                break;
            case IImplicitIndexerReferenceOperation { Instance: { } sliced, Argument: { } argument }:
                (source, range) = (sliced, argument);
                break;
            case IObjectCreationOperation { Arguments.Length: 3 } creation:
                (source, start, length) = (creation.Arguments[0].Value, creation.Arguments[1].Value, creation.Arguments[2].Value);
                break;
            default:
                return null;
        }

        // `buffer.Span[n..]`, `array.AsMemory().Slice(n)`: the offsets are those of the variable itself.
        source = Whole(source);
        if (range?.WithoutConversions() is IRangeOperation bounds)
        {
            start = bounds.LeftOperand;
            length = null;
            if (!wantStart)
            {
                // x[..n] or x[0..n]: its end is n.
                return IsZeroOrAbsent(bounds.LeftOperand) && Variable(source) is { } whole && Term(bounds.RightOperand) is { } end ? (whole, end.Variable, end.Addend) : null;
            }
        }
        else if (range is not null)
        {
            return null;
        }

        if (wantStart)
        {
            return Variable(source) is { } whole && Term(start) is { } offset ? (whole, offset.Variable, offset.Addend) : null;
        }

        return IsZeroOrAbsent(start) && start is not null && Variable(source) is { } of && Term(length) is { } count ? (of, count.Variable, count.Addend) : null;
    }

    /// <summary>A variable plus or minus an integer constant (<c>n</c>, <c>n + 2</c>, <c>2 + n</c>, <c>n - 1</c>), or null.</summary>
    private static (ISymbol Variable, int Addend)? Term(IOperation? value)
    {
        value = value?.WithoutConversions();
        if (Variable(value) is { } alone)
        {
            return (alone, 0);
        }

        if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } sum)
        {
            bool add = sum.OperatorKind == BinaryOperatorKind.Add;
            if (Variable(sum.LeftOperand) is { } left && Constant(sum.RightOperand) is { } right)
            {
                return (left, add ? right : -right);
            }

            if (add && Constant(sum.LeftOperand) is { } first && Variable(sum.RightOperand) is { } second)
            {
                return (second, first);
            }
        }

        return null;
    }

    /// <summary>
    /// The variable a whole view of it was made from (<c>buffer.Span</c>, <c>owner.Memory</c>, <c>array.AsMemory()</c>), so
    /// a slice of the view starts where the same slice of the variable would.
    /// </summary>
    private static IOperation? Whole(IOperation? source)
    {
        for (int depth = 0; depth < 4 && source is not null; depth++)
        {
            source = source.WithoutConversions();
            switch (source)
            {
                case IPropertyReferenceOperation { Property.Name: "Span" or "Memory", Instance: { } owner }:
                    source = owner;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan", Arguments.Length: 1, Instance: null } whole:
                    source = whole.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan", Arguments.Length: 0, Instance: { } owner }:
                    source = owner;
                    continue;
            }

            break;
        }

        return source;
    }

    private static bool IsZeroOrAbsent(IOperation? value) =>
        value is null || value.WithoutConversions().ConstantValue is { HasValue: true, Value: 0 };

    /// <summary>The local, parameter or field (of this object or static) an operand is, or null.</summary>
    private static ISymbol? Variable(IOperation? value) => value?.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        _ => null,
    };

    /// <summary>
    /// Whether a variable keeps its value from the operation's start to the touch: a readonly field, a parameter or
    /// field this body never writes, or a local written once before the operation starts, outside any loop that also
    /// runs the touch (a loop could write it again while an earlier operation is still in flight).
    /// </summary>
    private static bool Unchanged(FunctionBody body, ISymbol variable, SyntaxNode call, IOperation touch)
    {
        if (variable is IFieldSymbol { IsReadOnly: true } or IFieldSymbol { IsConst: true })
        {
            return true;
        }

        var writes = new List<SyntaxNode>();
        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, variable):
                    writes.Add(declarator.Syntax);
                    break;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation when
                    SymbolEqualityComparer.Default.Equals(Variable(operation), variable) && IsWritten(operation):
                    writes.Add(operation.Syntax);
                    break;
            }
        }

        if (variable is not ILocalSymbol)
        {
            return writes.Count == 0;
        }

        if (writes.Count != 1 || writes[0].Span.End > call.SpanStart)
        {
            return false;
        }

        for (SyntaxNode? node = writes[0].Parent; node is not null; node = node.Parent)
        {
            if (node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax &&
                node.Span.Contains(touch.Syntax.Span))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWritten(IOperation reference)
    {
        IOperation? parent = reference.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            IAddressOfOperation => true,
            _ => parent is ITupleOperation { Parent: IDeconstructionAssignmentOperation },
        };
    }
}
