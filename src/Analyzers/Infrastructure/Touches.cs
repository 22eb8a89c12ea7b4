using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>The ways code writes into a buffer or lets go of it, named for the message.</summary>
internal static class Touches
{
    /// <summary>
    /// Whether anything in the root may write or let go of a buffer (the pre-filter before the flow): an element
    /// written, a <c>using</c> (its implicit Dispose), or a call that <see cref="Describe"/> or <see cref="InHelper"/>
    /// could name: Return, Dispose, DisposeAsync, Clear, Fill, CopyTo, TryCopyTo, one with a destination parameter, an operation
    /// that fills a Memory&lt;T&gt;, or a method of this compilation given a buffer. Only calls are bound.
    /// </summary>
    public static bool MayTouch(CodeRootContext context)
    {
        foreach (SyntaxNode node in context.Root.Syntax.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: var written } when IsElementOrReference(written):
                case PrefixUnaryExpressionSyntax { Operand: var incremented } when IsElementOrReference(incremented):
                case PostfixUnaryExpressionSyntax { Operand: var changed } when IsElementOrReference(changed):
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: var referenced } when IsElementOrReference(referenced):
                case RefTypeSyntax: // a ref local (or a foreach's ref variable) that may point into a buffer
                case UsingStatementSyntax:
                case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }:
                    return true;
                case InvocationExpressionSyntax call when context.SymbolOf(call) is IMethodSymbol method && MayTouch(method.ReducedFrom ?? method):
                    return true;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } } call
                    when context.SymbolOf(call) is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaringSyntaxReferences.IsEmpty: false } member &&
                         HasBufferField(member.ContainingType):
                    // A method of this object's type (or of another object of a type with buffer fields, `behind.Encode()`) may
                    // write one of its buffer fields (see InMemberMethod).
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>buffer[i]</c>, a field of an element (<c>headers[i].Length</c>), or what a call returns by reference
    /// (<c>MemoryMarshal.GetReference(span)</c>, <c>MemoryMarshal.AsRef&lt;Header&gt;(span).Length</c>): written, they may write a buffer.
    /// </summary>
    private static bool IsElementOrReference(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax access:
                    expression = access.Expression;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
            }

            break;
        }

        return expression is ElementAccessExpressionSyntax or InvocationExpressionSyntax;
    }

    /// <summary>
    /// A call that puts bytes into the stream it is made on: a <c>Stream</c>'s <c>Write</c>, <c>WriteByte</c> and
    /// <c>WriteAsync</c>, a <c>BinaryWriter</c>'s <c>Write*</c> (it writes through to its stream), a <c>TextWriter</c>'s
    /// <c>Write*</c> and <c>Flush*</c> (a StreamWriter's buffered text reaches the stream on Flush, with AutoFlush, or when
    /// its buffer fills). A BinaryWriter's or Stream's Flush writes nothing into a MemoryStream's array.
    /// </summary>
    private static bool WritesIntoStream(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.ContainingNamespace is not { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                continue;
            }

            switch (type.Name)
            {
                case "Stream":
                    return method.Name is "Write" or "WriteByte" or "WriteAsync";
                case "BinaryWriter":
                    return method.Name.StartsWith("Write", System.StringComparison.Ordinal);
                case "TextWriter":
                    return method.Name is "Write" or "WriteLine" or "WriteAsync" or "WriteLineAsync" or "Flush" or "FlushAsync";
            }
        }

        return false;
    }

    /// <summary>
    /// The writer a call ends with its last flush: <c>Dispose</c>, <c>DisposeAsync</c> or <c>Close</c> of a <c>TextWriter</c>
    /// (a StreamWriter flushes the text it still buffers into its stream), also the implicit Dispose of a <c>using</c>,
    /// made on the writer converted to <c>IDisposable</c>. A BinaryWriter buffers nothing: its Dispose writes nothing.
    /// </summary>
    private static IOperation? FlushesTextWriter(IMethodSymbol method, IInvocationOperation invocation) =>
        method.Name is "Dispose" or "DisposeAsync" or "Close" && invocation.Instance?.WithoutConversions() is { } instance &&
        DerivesFromSystemIo(instance.Type, "TextWriter")
            ? instance
            : null;

    private static bool DerivesFromSystemIo(ITypeSymbol? type, string name)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name &&
                current.ContainingNamespace is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    private static string NameOf(IOperation stream) => stream switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        _ => stream.Syntax.ToString(),
    };

    private static bool HasBufferField(INamedTypeSymbol? type) =>
        type is not null && type.GetMembers().OfType<IFieldSymbol>().Any(field => IsWritableBuffer(field.Type));

    private static bool MayTouch(IMethodSymbol method)
    {
        if (method.Name is "Return" or "Dispose" or "DisposeAsync" or "Clear" or "Fill" or "CopyTo" or "TryCopyTo" || WritesIntoStream(method) ||
            (method.Name is "Free" or "FreeHGlobal" or "AlignedFree" && (IsInteropType(method.ContainingType, "GCHandle") || IsInteropType(method.ContainingType, "Marshal") || IsInteropType(method.ContainingType, "NativeMemory"))) ||
            (method.Name is "Flush" or "FlushAsync" or "Close" && Buffers.IsCompressionStream(method.ContainingType)) ||
            (method.Name is "FlushAsync" or "Complete" or "CompleteAsync" && method.ContainingType is { Name: "PipeWriter" }) ||
            (method.Name is "AdvanceTo" && method.ContainingType is { Name: "PipeReader" }) ||
            (method.Name is "CopyToAsync" or "Close" && DerivesFromSystemIo(method.ContainingType, method.Name == "CopyToAsync" ? "Stream" : "TextWriter")))
        {
            return true;
        }

        bool inSource = !method.DeclaringSyntaxReferences.IsEmpty;

        // An operation that fills its Memory<T> (a receive, a read): its ValueTask is what such a call returns.
        bool mayFill = method.ReturnType is INamedTypeSymbol { Name: "ValueTask" };
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (IsDestination(method, parameter) || (inSource && IsWritableBuffer(parameter.Type)) || (mayFill && IsMemory(parameter.Type)) ||
                FillsLibraryMemory(method, parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The buffer a call to a method of this compilation lets that method write or release, one level: an argument
    /// <paramref name="follow"/> picks (a buffer in flight, or a slice or Span of it) given to a parameter the method's
    /// own body writes (<c>BinaryPrimitives.Write*</c> on its Span, an element, CopyTo into it, Fill, Clear) or releases.
    /// A method that only reads the buffer (a checksum, a hash, a log line) does not touch it. The body is bound only
    /// when an argument is followed.
    /// </summary>
    public static (ISymbol Buffer, string How)? InHelper(CodeRootContext context, AsyncSysApi api, Buffers buffers, IInvocationOperation call, System.Func<ISymbol, bool> follow)
    {
        IMethodSymbol method = call.TargetMethod;
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter || !IsWritableBuffer(parameter.Type) ||
                buffers.RootOf(argument.Value) is not { } root || !follow(root) ||
                TouchOfParameter(context, api, method, parameter.Ordinal) is not { } inside)
            {
                continue;
            }

            return (root, "passed to '" + method.Name + "', where it is " + inside);
        }

        return null;
    }

    /// <summary>
    /// The buffer a call to a local function, or to a lambda held in a local that is never reassigned, lets it write or
    /// release through a variable it captures, one level: its own body (functions nested in it left out) writes or
    /// releases a variable of the enclosing code that <paramref name="follow"/> picks
    /// (<c>void Recycle() => ArrayPool&lt;byte&gt;.Shared.Return(batch);</c>,
    /// <c>Action release = () => ArrayPool&lt;byte&gt;.Shared.Return(value); ... release();</c>).
    /// </summary>
    public static (ISymbol Buffer, string How)? InLocalFunction(CodeRootContext context, AsyncSysApi api, IInvocationOperation call, System.Func<ISymbol, bool> follow)
    {
        IMethodSymbol function = call.TargetMethod.OriginalDefinition;
        if (function.MethodKind == MethodKind.LocalFunction)
        {
            return InNestedFunction(context, api, function, "the local function '" + function.Name + "'", follow);
        }

        if (function.MethodKind == MethodKind.DelegateInvoke && call.Instance is ILocalReferenceOperation { Local: var local } &&
            LambdaHeldBy(context, local) is { } lambda)
        {
            return InNestedFunction(context, api, lambda, "the lambda in '" + local.Name + "'", follow);
        }

        return null;
    }

    /// <summary>
    /// The field in flight a call to a method of the same type lets that method write or release, one level: an ordinary
    /// method of this compilation called on this object (implicitly or through <c>this</c>) or a static one, whose own
    /// body (nested functions left out) writes or releases a field of its type that <paramref name="follow"/> picks, and
    /// reaches that field only through this object (<c>Stamp(RTM_GETADDR);</c> whose body clears and refills
    /// <c>_request</c> while a send of <c>_request</c> runs). The method touches the same memory as a write written
    /// in place would; its name says nothing. The body is bound only when a field of its type is in flight.
    /// </summary>
    public static (ISymbol Buffer, string How)? InMemberMethod(CodeRootContext context, AsyncSysApi api, IInvocationOperation call, System.Func<ISymbol, bool> follow)
    {
        IMethodSymbol method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.IsEmpty ||
            (!method.IsStatic && !OnThisOrAnotherObject(call.Instance, method.ContainingType)) ||
            !method.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(follow) ||
            context.HelperBody(method) is not { } block)
        {
            return null;
        }

        FunctionBody body = FunctionBody.ForRoot(block, method)[0];
        Buffers own = Buffers.Collect(api, body);
        foreach (IOperation operation in body.Operations)
        {
            if (Describe(api, own, operation) is { Buffer: IFieldSymbol field } touch &&
                SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, method.ContainingType) &&
                follow(field) && ReachedOnlyThroughThis(body, field))
            {
                return (field, touch.How + " by '" + method.Name + "'");
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a member method is called on this object, or on another object of its type held in a local or parameter
    /// (<c>behind.EncodeHeartbeat(...)</c>): it writes that object's own buffer fields. Which object's field is in flight is
    /// told apart by the caller (the receiver of the call against that of the operation's argument).
    /// </summary>
    private static bool OnThisOrAnotherObject(IOperation? instance, INamedTypeSymbol type) => instance?.WithoutConversions() switch
    {
        IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
        ILocalReferenceOperation or IParameterReferenceOperation => SymbolEqualityComparer.Default.Equals(instance.WithoutConversions().Type?.OriginalDefinition, type),
        _ => false,
    };

    /// <summary>Whether every reference of <paramref name="body"/> to <paramref name="field"/> is this object's (or the static field).</summary>
    private static bool ReachedOnlyThroughThis(FunctionBody body, IFieldSymbol field) =>
        body.Operations.OfType<IFieldReferenceOperation>()
            .Where(reference => SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field.OriginalDefinition))
            .All(reference => reference.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });

    private static (ISymbol Buffer, string How)? InNestedFunction(CodeRootContext context, AsyncSysApi api, IMethodSymbol function, string called, System.Func<ISymbol, bool> follow)
    {
        foreach (FunctionBody body in context.Bodies)
        {
            if (!SymbolEqualityComparer.Default.Equals(body.Symbol, function))
            {
                continue;
            }

            Buffers own = Buffers.Collect(api, body);
            foreach (IOperation operation in body.Operations)
            {
                // A variable of its own (a local or parameter of the function) is not the caller's buffer.
                if (Describe(api, own, operation) is { } touch && !SymbolEqualityComparer.Default.Equals(touch.Buffer.ContainingSymbol, function) &&
                    follow(touch.Buffer))
                {
                    return (touch.Buffer, touch.How + " by " + called);
                }
            }
        }

        return null;
    }

    /// <summary>The lambda a local delegate is declared with, when nothing assigns the local again; else null.</summary>
    private static IMethodSymbol? LambdaHeldBy(CodeRootContext context, ILocalSymbol local)
    {
        IMethodSymbol? lambda = null;
        foreach (FunctionBody body in context.Bodies)
        {
            foreach (IOperation operation in body.Operations)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        if (declarator.Initializer?.Value.WithoutConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation anonymous })
                        {
                            lambda = anonymous.Symbol;
                        }
                        else
                        {
                            return null;
                        }

                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return null; // reassigned: which lambda runs depends on the path
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return null; // passed by reference: may be replaced
                }
            }
        }

        return lambda;
    }

    /// <summary>How a method's own body (nested functions left out) writes or releases its parameter, or null.</summary>
    private static string? TouchOfParameter(CodeRootContext context, AsyncSysApi api, IMethodSymbol method, int ordinal)
    {
        if (context.HelperBody(method) is not { } block)
        {
            return null;
        }

        FunctionBody body = FunctionBody.ForRoot(block, (method.ReducedFrom ?? method).OriginalDefinition)[0];
        Buffers own = Buffers.Collect(api, body);
        foreach (IOperation operation in body.Operations)
        {
            if (Describe(api, own, operation) is { } touch && touch.Buffer is IParameterSymbol { Ordinal: var written } parameter &&
                written == ordinal && parameter.ContainingSymbol is IMethodSymbol owner &&
                SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, (method.ReducedFrom ?? method).OriginalDefinition))
            {
                return touch.How;
            }
        }

        return null;
    }

    /// <summary>
    /// A library method's <c>Memory&lt;T&gt;</c> parameter (not a generic <c>T</c> that happens to be one, as in a channel's
    /// <c>TryWrite</c>): .NET takes <c>ReadOnlyMemory&lt;T&gt;</c> for what it only reads, so such a parameter is a destination
    /// (<c>Stream.ReadAsync</c>, <c>Socket.ReceiveAsync</c>, <c>RandomAccess.ReadAsync</c>, <c>ReadExactlyAsync</c>). Not
    /// <c>MemoryExtensions</c>/<c>MemoryMarshal</c>, a method that returns a <c>Memory&lt;T&gt;</c> (<c>Trim</c>: a slice), nor
    /// <c>SetBuffer</c>.
    /// </summary>
    private static bool FillsLibraryMemory(IMethodSymbol method, IParameterSymbol parameter) =>
        method.DeclaringSyntaxReferences.IsEmpty && IsMemory(parameter.Type) && IsMemory(parameter.OriginalDefinition.Type) &&
        !IsMemory(method.ReturnType) && method.ContainingType?.Name is not ("MemoryExtensions" or "MemoryMarshal") &&
        method.Name != "SetBuffer"; // SocketAsyncEventArgs.SetBuffer only records the buffer for a later send or receive

    /// <summary><c>Memory&lt;T&gt;</c> (not <c>ReadOnlyMemory&lt;T&gt;</c>): what an asynchronous variant takes for a buffer the call writes.</summary>
    private static bool IsMemory(ITypeSymbol type) =>
        type is INamedTypeSymbol { MetadataName: "Memory`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// A buffer a callee can write or release: an array, <c>Memory&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> or
    /// <c>ArraySegment&lt;T&gt;</c>, or (since round 44) an <c>IMemoryOwner&lt;T&gt;</c>, which a helper may dispose
    /// (<c>static void Release(IMemoryOwner&lt;byte&gt; lease) =&gt; lease.Dispose();</c>).
    /// </summary>
    private static bool IsWritableBuffer(ITypeSymbol type) =>
        type is IArrayTypeSymbol ||
        type is INamedTypeSymbol { MetadataName: "Memory`1" or "Span`1" or "ArraySegment`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } ||
        type is INamedTypeSymbol { MetadataName: "IMemoryOwner`1", ContainingNamespace: { Name: "Buffers", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The buffer an operation writes or releases and how, or null when it does neither.</summary>
    public static (ISymbol Buffer, string How)? Describe(AsyncSysApi api, Buffers buffers, IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { IsRef: true }:
                // `r = ref buffer[i]` points the ref local somewhere; it writes nothing.
                return null;
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
        // A field of a struct element is written in the element (`headers[i].Length = n`).
        while (target is IFieldReferenceOperation { Field.IsStatic: false, Instance: { Type.IsValueType: true } element })
        {
            target = element;
        }

        switch (target)
        {
            case ILocalReferenceOperation { Local.IsRef: true } reference when buffers.ElementRootOf(reference) is { } pointed:
                // `ref short first = ref samples[0]; first = 0;` or `foreach (ref short s in samples) s = 0;`
                return (pointed, "written through the ref local '" + reference.Local.Name + "'");
            case IInvocationOperation call when buffers.ElementRootOf(call) is { } returned:
                // `MemoryMarshal.GetReference(span) = 0`, `Unsafe.Add(ref first, i) = 0`
                return (returned, "written through the reference " + call.TargetMethod.Name + " returns");
        }

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
        if (Buffers.IsViewMaker(method))
        {
            // `MemoryMarshal.Cast<byte, short>(span)` writes nothing: a write through the view it makes is the touch.
            return null;
        }

        if (buffers.PublishedBy(invocation) is { } published)
        {
            // `memory = pipe.GetMemory(n)` given to a read, `pipe.Advance(n)`, then `pipe.FlushAsync()`: the reader consumes the
            // memory, and the pipe recycles it, before the read has filled it.
            return (published, "handed to the pipe's reader by " + method.Name + " (after Advance)");
        }

        if (buffers.ReleasedBy(invocation) is { } recycled)
        {
            // `first = result.Buffer.First` given to a send, then `reader.AdvanceTo(...)`: the pipe recycles the segment
            // (the writer's next GetMemory may get it) while the send still reads it.
            return (recycled, "given back to the pipe by AdvanceTo, which recycles its segment");
        }

        if (WritesIntoStream(method) && invocation.Instance?.WithoutConversions() is { } stream &&
            buffers.StreamOver(stream) is { } over)
        {
            // `staging.Write(header)` with `staging = new MemoryStream(scratch)`, or `writer.Write(sync)` with `writer = new
            // BinaryWriter(staging)`: the stream copies into the array.
            return (over, "written through the " + stream.Type?.Name + " '" + NameOf(stream) + "'");
        }

        if (WritesIntoStream(method) && invocation.Instance is { } unmanaged && buffers.MadeOverStreamPointer(unmanaged) is { } sharedPointer)
        {
            // Since round 58: an UnmanagedMemoryStream over the native pointer a MemoryManager or Memory<T> in flight was
            // made over writes into that memory.
            return (sharedPointer, "written through the UnmanagedMemoryStream '" + NameOf(unmanaged.WithoutConversions()) + "' over the same native memory");
        }

        if (method.Name is "Flush" or "FlushAsync" or "Dispose" or "DisposeAsync" or "Close" && invocation.Instance?.WithoutConversions() is { } compressor &&
            Buffers.IsCompressionStream(compressor.Type) && buffers.StreamOver(compressor) is { } compressedInto)
        {
            // Since session 58: `using var deflate = new DeflateStream(new MemoryStream(output), CompressionLevel.Fastest)`: its
            // Flush and Dispose (the end of the using) write the compressed bytes it still holds into the array.
            return (compressedInto, "written by the " + method.Name + " of the " + compressor.Type!.Name + " '" + NameOf(compressor) + "'" + (invocation.IsImplicit ? " at the end of its using" : ""));
        }

        if (FlushesTextWriter(method, invocation) is { } textWriter && buffers.StreamOver(textWriter) is { } flushedInto)
        {
            // `using var writer = new StreamWriter(new MemoryStream(scratch))`: its Dispose (the end of the using) flushes the
            // text it still holds into the array.
            return (flushedInto, "written by the last flush of the " + textWriter.Type?.Name + " '" + NameOf(textWriter) + "' (" + (invocation.IsImplicit ? "at the end of its using" : method.Name) + ")");
        }

        if (method.Name is "CopyTo" or "CopyToAsync" && !method.IsStatic && DerivesFromSystemIo(method.ContainingType, "Stream") &&
            CopyDestination(invocation) is { } copied && buffers.StreamArgumentOver(copied.Value) is { } copiedInto)
        {
            // `await source.CopyToAsync(staging)` with `staging = new MemoryStream(scratch)`: the copy writes into the array.
            return (copiedInto, "written by " + method.Name + " into the stream '" + NameOf(copied.Value.WithoutConversions()) + "'");
        }

        switch (method.Name)
        {
            case "Return" when api.Is(method.ContainingType, api.ArrayPoolOfT) && invocation.Arguments.Length > 0:
                return Of(buffers, invocation.Arguments[0].Value, "returned to the ArrayPool");
            case "Return" when invocation.Arguments.Length == 1 && IsObjectPool(method.ContainingType) &&
                               buffers.BufferPropertyOf(invocation.Arguments[0].Value) is { } held:
                // Since round 47: an object pool's Return given the object whose buffer is in flight (`pool.Return(state)`
                // while a receive fills `state.Buffer`): the next Get hands that object, and its buffer, to another caller.
                return (held, "given back to the pool with the object holding it ('" + invocation.Arguments[0].Value.Syntax + "')");
            case "Return" when invocation.Arguments.Length == 1 && IsObjectPool(method.ContainingType) &&
                               buffers.CollectedBufferOf(invocation.Arguments[0].Value) is { } collected:
                // Since session 58: `foreach (Packet p in rented) pool.Return(p);` where the loop that sent `packet.Data` put
                // each packet into `rented`.
                return (collected, "given back to the pool with the object holding it ('" + invocation.Arguments[0].Value.Syntax + "', an element of the collection its loop kept it in)");
            case "Return" when invocation.Arguments.Length == 1 && IsObjectPool(method.ContainingType) &&
                               invocation.Arguments[0].Value.WithoutConversions() is var pooled && (buffers.IsMemoryOwner(pooled.Type) || pooled.Type is IArrayTypeSymbol) &&
                               Of(buffers, pooled, "given back to the pool ('" + invocation.Syntax + "'), whose next Rent hands it to another caller") is { } given:
                // Since round 58: a hand-written pool of buffers (`NativeBlockPool.Return(block)` of a MemoryManager over
                // native memory, a pool of arrays): the buffer itself goes back while the operation still uses it.
                return given;
            // The implicit Dispose of a using is made on the resource converted to IDisposable (IAsyncDisposable for an await
            // using): a lease's own Dispose or DisposeAsync gives its buffer back when that method's body does.
            case "Dispose" when invocation.Instance is { } instance && instance.WithoutConversions() is var disposed &&
                                (buffers.IsMemoryOwner(disposed.Type) || (buffers.IsBuffer(disposed.Type) && (!buffers.IsLease(disposed.Type) || buffers.ReleasesOn(disposed.Type, "Dispose")))):
                return Of(buffers, disposed, invocation.IsImplicit ? "disposed at the end of its using" : "disposed");
            case "DisposeAsync" when invocation.Instance is { } instance && instance.WithoutConversions() is var released && buffers.ReleasesOn(released.Type, "DisposeAsync"):
                return Of(buffers, released, invocation.IsImplicit ? "disposed at the end of its await using" : "disposed (DisposeAsync)");
            case not ("Dispose" or "DisposeAsync") when invocation.Instance is { } holder && buffers.ReleasedByMethod(method):
                // `args.SetBuffer(n)` of a lease whose SetBuffer returns its pooled array to rent a larger one (since round 52).
                return Of(buffers, holder.WithoutConversions(), "given back to its pool by " + method.Name + ", which returns the array the lease holds");
            case "ReleasePointer" when invocation.Instance is { } handle && IsSafeBuffer(method.ContainingType) && buffers.MadeOverPointerOf(handle) is { } manager:
                // Since session 56: `view.SafeMemoryMappedViewHandle.ReleasePointer()` with a MemoryManager made over the pointer
                // AcquirePointer gave: the pages may be unmapped under the operation.
                return (manager, "released with the pointer it was made over ('" + invocation.Instance.Syntax + ".ReleasePointer()')");
            case "Free" when invocation.Instance is { } pin && IsInteropType(method.ContainingType, "GCHandle") &&
                             buffers.MadeOverReleasedMemory(pin, pinnedHandle: true) is { } unpinned:
                // Since round 58: `handle.Free()` of the pinned handle whose AddrOfPinnedObject() the MemoryManager was made
                // over: the array is no longer pinned, and the GC may move it under the operation.
                return (unpinned, "unpinned by '" + invocation.Syntax + "' (its memory was made over the handle's AddrOfPinnedObject())");
            case "FreeHGlobal" or "Free" or "AlignedFree" when invocation.Arguments.Length == 1 &&
                                                              (IsInteropType(method.ContainingType, "Marshal") || IsInteropType(method.ContainingType, "NativeMemory")) &&
                                                              buffers.MadeOverReleasedMemory(invocation.Arguments[0].Value.WithoutConversions(), pinnedHandle: false) is { } freed:
                // Since round 58: `Marshal.FreeHGlobal(header)` / `NativeMemory.Free(block)` of the native memory a
                // MemoryManager or Memory<T> was made over.
                return (freed, "freed by '" + invocation.Syntax + "' (native memory it was made over)");
            case "Clear" or "Fill" when invocation.Instance is { } span && buffers.IsView(span.Type):
                return Of(buffers, span, "written by " + method.Name);
            case "Clear" when invocation.Instance is { } writer && Buffers.IsBufferWriter(writer.Type):
                return Of(buffers, writer, "zeroed by ArrayBufferWriter's Clear");
            case "CopyTo" or "TryCopyTo" when CopyDestination(invocation) is { } destination:
                return Of(buffers, destination.Value, "written as the destination of " + method.Name);
        }

        // Another operation started on the buffer that the kernel fills (a receive or read into its Memory<T>): it
        // overwrites what the one in flight still sends or fills. One that only reads it (a second send) writes nothing.
        bool fillsMemory = api.IsAsyncSyscall(method);
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null)
            {
                continue;
            }

            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                // A writable reference into the buffer (`Interlocked.Increment(ref counts[i])`, `Unsafe.WriteUnaligned(ref
                // buffer[4], value)`); the variable holding a buffer (`Array.Resize(ref buffer, n)`) is not one.
                if (buffers.ElementRootOf(argument.Value) is { } referenced)
                {
                    return (referenced, "written through the reference passed to " + method.Name);
                }

                continue;
            }

            if (fillsMemory && IsMemory(parameter.Type))
            {
                if (Of(buffers, argument.Value, "filled by '" + method.Name + "', another operation started on it") is { } filled)
                {
                    return filled;
                }

                continue;
            }

            if (FillsLibraryMemory(method, parameter))
            {
                if (Of(buffers, argument.Value, "filled by '" + method.Name + "', which writes into its Memory<T> argument") is { } read)
                {
                    return read;
                }

                continue;
            }

            if (!IsDestination(method, parameter))
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
    /// A buffer a call reads through a <c>ReadOnlySpan&lt;T&gt;</c> parameter (<c>Crc32C(block.AsSpan(0, n))</c>,
    /// <c>BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(n - 4))</c>), or null. Not a touch of a buffer an operation
    /// only reads (a send); a touch of one the kernel is filling, whose bytes are not there yet (since round 55: a checksum
    /// over the block a prefetch read refills), reported when that operation was given the whole buffer. An operation of
    /// the ring or a generated variant is not such a reader.
    /// </summary>
    public static (ISymbol Buffer, string How)? ReadOf(AsyncSysApi api, Buffers buffers, IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (api.IsAsyncSyscall(method))
        {
            return null;
        }

        // Since session 58 also a Span<T> parameter (`view.IndexOf((byte)'\n')`): a method given one reads or writes it (a
        // write is found before this). Not a method that only makes another view of it (MemoryMarshal's and Unsafe's, one
        // returning a span or a reference): the view is followed instead.
        bool spans = method.ContainingType is not { Name: "MemoryMarshal" or "Unsafe" } && !method.ReturnsByRef && !method.ReturnsByRefReadonly &&
                     !IsSpanType(method.ReturnType, "Span`1") && !IsSpanType(method.ReturnType, "ReadOnlySpan`1");
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.None } parameter &&
                (IsSpanType(parameter.Type, "ReadOnlySpan`1") || (spans && IsSpanType(parameter.Type, "Span`1")) || (spans && IsArrayRead(method, parameter))) &&
                Of(buffers, argument.Value, "read by " + method.Name + " before the operation filling it has ended") is { } read)
            {
                return read;
            }
        }

        return null;
    }

    // Since round 57: an array given to a library method that takes one with an offset and a count, the form .NET had
    // before spans (`hash.AppendData(block, 0, n)`, `Encoding.UTF8.GetString(block, 0, n)`, `BitConverter.ToInt32(block, 4)`):
    // read (a write into it, `stream.Read(block, 0, n)`, is found before this). Not a `params` array, nor a method of
    // this compilation (whose body says what it does, followed as a helper), nor a generic method or collection whose
    // parameter is an array only by substitution (`list.Add(block)` keeps the array, it does not read it).
    // Nor one making a view of it (`AsSpan`, `AsMemory`, `new ArraySegment`): the view is followed instead.
    private static bool IsArrayRead(IMethodSymbol method, IParameterSymbol parameter) =>
        parameter.OriginalDefinition.Type is IArrayTypeSymbol { Rank: 1 } && !parameter.IsParams && method.DeclaringSyntaxReferences.IsEmpty &&
        method.MethodKind == MethodKind.Ordinary && method.ContainingType is not { Name: "MemoryExtensions" } &&
        !IsSpanType(method.ReturnType, "Memory`1") && !IsSpanType(method.ReturnType, "ReadOnlyMemory`1") && !IsSpanType(method.ReturnType, "ArraySegment`1");

    private static bool IsSpanType(ITypeSymbol? type, string metadataName) =>
        type is INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named && named.MetadataName == metadataName;

    /// <summary>
    /// Since session 58: an element of a buffer read as a value (<c>block[1]</c>, <c>view[0]</c> of a <c>Span&lt;T&gt;</c> or
    /// <c>ReadOnlySpan&lt;T&gt;</c> over it), or null. Not an element written (a write is found before this), nor one whose
    /// address or reference is taken (a view of the buffer, followed as such).
    /// </summary>
    public static (ISymbol Buffer, string How)? ElementReadOf(Buffers buffers, IOperation operation)
    {
        IOperation? buffer = operation switch
        {
            IArrayElementReferenceOperation element => element.ArrayReference,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer when
                IsSpanType(indexer.Property.ContainingType, "Span`1") || IsSpanType(indexer.Property.ContainingType, "ReadOnlySpan`1") => instance,
            _ => null,
        };
        if (buffer?.WithoutConversions() is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation))
        {
            // Only an element of the buffer or of a view local named directly (not `segments[0].Span[0]` of a vectored read's
            // segments, whose array stands for all of them).
            return null;
        }

        for (IOperation? outer = operation.Parent; outer is not null and not IBlockOperation; outer = outer.Parent)
        {
            if (outer is IAssignmentOperation { Target: IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } })
            {
                // `samples[i] = (short)(samples[i] << shift)`: the statement writes an element, found as that write.
                return null;
            }
        }

        switch (operation.Parent)
        {
            case IAssignmentOperation assignment when assignment.Target == operation:
            case IIncrementOrDecrementOperation:
            case IAddressOfOperation:
            case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
            case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation { Symbol.IsRef: true }:
            case ITupleOperation:
            case IReturnOperation:
                return null;
        }

        return Of(buffers, buffer, "read (" + operation.Syntax + ") before the operation filling it has ended");
    }

    /// <summary>
    /// The argument a <c>CopyTo</c>/<c>TryCopyTo</c> copies into: the first of an instance method (<c>span.CopyTo(destination)</c>,
    /// <c>array.CopyTo(destination, 0)</c>), the second of an extension or static one, whose first is the source
    /// (<c>MemoryExtensions.CopyTo(this T[] source, Span&lt;T&gt; destination)</c>, as <c>array.CopyTo(span)</c> calls it).
    /// </summary>
    private static IArgumentOperation? CopyDestination(IInvocationOperation call)
    {
        int at = call.TargetMethod.IsStatic ? 1 : 0;
        return call.Arguments.Length > at ? call.Arguments[at] : null;
    }

    /// <summary>
    /// Whether a library call writes the array given as <paramref name="argument"/> (ASYS1003's writes of a shared array):
    /// the destination of a copy (<c>Array.Copy</c>, <c>Buffer.BlockCopy</c>, <c>CopyTo</c>), the array <c>Array.Clear</c>,
    /// <c>Fill</c>, <c>Sort</c> or <c>Reverse</c> change in place, a Read's or Receive's buffer, or a <c>Span&lt;T&gt;</c> it is
    /// converted to that the method writes (see <see cref="IsDestination"/>).
    /// </summary>
    public static bool WritesArray(IInvocationOperation call, IArgumentOperation argument)
    {
        IMethodSymbol method = call.TargetMethod;
        if (!method.DeclaringSyntaxReferences.IsEmpty || argument.Parameter is not { } parameter || argument.Value.WithoutConversions().Type is not IArrayTypeSymbol)
        {
            return false;
        }

        return method.Name is "CopyTo" or "TryCopyTo" ? CopyDestination(call) == argument : IsDestination(method, parameter);
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
            return !HasReadOnlyTwin(method, parameter);
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
               (method.Name is "Clear" or "Fill" or "Sort" or "Reverse" && method.ContainingType?.SpecialType == SpecialType.System_Array) ||
               (name == "buffer" && (method.Name.StartsWith("Read", System.StringComparison.Ordinal) || method.Name.StartsWith("Receive", System.StringComparison.Ordinal))) ||
               method.Name == "NextBytes";
    }

    /// <summary>
    /// Whether a library method's <c>Span&lt;T&gt;</c> parameter only reads: the same type declares the method again with a
    /// <c>ReadOnlySpan&lt;T&gt;</c> there and every other parameter alike (<c>MemoryExtensions.IndexOf</c>, <c>LastIndexOfAny</c>,
    /// <c>Contains</c>, <c>SequenceEqual</c>, <c>StartsWith</c>, <c>Count</c>, <c>BinarySearch</c>, <c>CommonPrefixLength</c>, ...). That
    /// overload exists so that a <c>Span&lt;T&gt;</c> binds without a conversion, and does what its read-only twin does. A method
    /// that writes its span (<c>Sort</c>, <c>Reverse</c>, <c>Replace</c> in place, <c>TryWrite</c>, <c>Encoding.GetBytes</c>'s
    /// destination, <c>CopyTo</c>'s) has no such twin. <c>ReadOnlySpan&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c>, <c>in</c> and
    /// <c>ref readonly</c> parameters are reads already by their type.
    /// </summary>
    private static bool HasReadOnlyTwin(IMethodSymbol method, IParameterSymbol parameter)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (!definition.DeclaringSyntaxReferences.IsEmpty || definition.ContainingType is null || parameter.Ordinal >= definition.Parameters.Length)
        {
            return false;
        }

        foreach (ISymbol member in definition.ContainingType.GetMembers(definition.Name))
        {
            if (member is not IMethodSymbol twin || SymbolEqualityComparer.Default.Equals(twin, definition) || twin.IsStatic != definition.IsStatic ||
                twin.Arity != definition.Arity || twin.Parameters.Length != definition.Parameters.Length)
            {
                continue;
            }

            bool alike = true;
            for (int i = 0; alike && i < twin.Parameters.Length; i++)
            {
                IParameterSymbol mine = definition.Parameters[i], theirs = twin.Parameters[i];
                alike = i == parameter.Ordinal
                    ? theirs.Type is INamedTypeSymbol { MetadataName: "ReadOnlySpan`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } readOnly &&
                      SameType(((INamedTypeSymbol)mine.Type).TypeArguments[0], readOnly.TypeArguments[0])
                    : mine.RefKind == theirs.RefKind && SameType(mine.Type, theirs.Type);
            }

            if (alike)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same type in two overloads: a method's type parameter by its place, a generic type by its parts.</summary>
    private static bool SameType(ITypeSymbol mine, ITypeSymbol theirs) => (mine, theirs) switch
    {
        (ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } a, ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } b) => a.Ordinal == b.Ordinal,
        (IArrayTypeSymbol a, IArrayTypeSymbol b) => a.Rank == b.Rank && SameType(a.ElementType, b.ElementType),
        (INamedTypeSymbol { IsGenericType: true } a, INamedTypeSymbol { IsGenericType: true } b) =>
            SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition) && a.TypeArguments.Length == b.TypeArguments.Length &&
            a.TypeArguments.Zip(b.TypeArguments, SameType).All(same => same),
        _ => SymbolEqualityComparer.Default.Equals(mine, theirs),
    };

    // A pool of objects by its name (Microsoft.Extensions.ObjectPool's ObjectPool<T> and DefaultObjectPool<T>, a library's
    // own `...Pool`), or a type derived from one; not ArrayPool or MemoryPool, which take arrays and owners (above).
    private static bool IsSafeBuffer(INamedTypeSymbol? type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "SafeBuffer", ContainingNamespace: { Name: "InteropServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                return true;
            }
        }

        return false;
    }

    // System.Runtime.InteropServices.<name> (GCHandle, Marshal, NativeMemory).
    private static bool IsInteropType(INamedTypeSymbol? type, string name) =>
        type is { ContainingNamespace: { Name: "InteropServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } &&
        type.Name == name;

    private static bool IsObjectPool(INamedTypeSymbol? type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.Name.EndsWith("Pool", System.StringComparison.Ordinal) && current.Name is not ("ArrayPool" or "MemoryPool"))
            {
                return true;
            }
        }

        return false;
    }

    private static (ISymbol, string)? Of(Buffers buffers, IOperation value, string how) =>
        buffers.RootOf(value) is { } root ? (root, how) : null;
}
