using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which variable owns the memory behind a buffer expression in one body: an array, a <c>Memory&lt;T&gt;</c>, an
/// <c>IMemoryOwner&lt;T&gt;</c> or a <c>MemoryManager&lt;T&gt;</c>, followed through slices, spans, <c>.Memory</c>
/// and the locals that hold any of them.
/// </summary>
internal sealed class Buffers
{
    private const int MaxDepth = 6;

    private readonly AsyncSysApi _api;
    private readonly Dictionary<ILocalSymbol, ISymbol> _aliases;
    private readonly SemanticModel? _model;

    // Ref locals that point into a buffer (`ref short first = ref samples[0]`, `foreach (ref short s in samples)`): the buffer.
    private Dictionary<ILocalSymbol, ISymbol>? _references;

    // View locals given views of different buffers (`words = front.AsSpan()`, later `words = back.AsSpan()`): each
    // assignment's statement and value (see ReachingView).
    private Dictionary<ILocalSymbol, List<ViewAssignment>>? _reassignedViews;

    // The one local or parameter each buffer property is read from in this body (null: more than one, or another instance).
    private readonly Dictionary<IPropertySymbol, ISymbol?> _propertyOwners = new(SymbolEqualityComparer.Default);

    // Locals holding a writable MemoryStream made over a buffer (`new MemoryStream(scratch)`), or a BinaryWriter or
    // StreamWriter made over such a stream: the buffer their writes go into.
    private Dictionary<ILocalSymbol, ISymbol>? _streams;

    // Readonly fields asked about (see StreamOver): the buffer the stream or writer they hold writes into, or null.
    private Dictionary<IFieldSymbol, ISymbol?>? _fieldStreams;

    // Locals given a PipeWriter's GetMemory/GetSpan, by the writer they came from, and the writers advanced in this body
    // (see PublishedBy).
    private Dictionary<ISymbol, List<ISymbol>>? _pipeMemory;
    private HashSet<ISymbol>? _advancedPipes;

    // ArrayBufferWriters this body resets (ResetWrittenCount, Clear), with the earliest position of a reset.
    private Dictionary<ISymbol, int>? _resetWriters;

    // Since round 47: locals given a PipeReader's read result (`ReadResult result = await reader.ReadAsync(ct)`), its
    // `Buffer`, and memory of that sequence (`buffer.First`), by the reader they came from (see ReleasedBy).
    private Dictionary<ISymbol, ISymbol>? _readResults;
    private Dictionary<ISymbol, ISymbol>? _readSequences;
    private Dictionary<ISymbol, List<ISymbol>>? _readerMemory;

    // A callback's state parameter and the buffer the registration passes in it (see StandFor).
    private IParameterSymbol? _stateParameter;
    private ISymbol? _stateBuffer;

    // The body collected, read again only for the rare questions below (a SafeBuffer's ReleasePointer).
    private FunctionBody? _body;

    /// <summary>
    /// Since session 56 (round 54's mapped view): the <c>MemoryManager</c> local this body made over a pointer it took with
    /// <c>AcquirePointer(ref pointer)</c> of the same <c>SafeBuffer</c> (<c>view.SafeMemoryMappedViewHandle</c>: the same
    /// variable and property) that <paramref name="handle"/> names, or null. <c>ReleasePointer</c> on that handle lets the
    /// view go (its <c>Dispose</c> unmaps it), so memory made from the pointer is released with it. Only a manager made in
    /// a declaration with the pointer (or arithmetic on it) among its constructor's arguments.
    /// </summary>
    public ISymbol? MadeOverPointerOf(IOperation handle)
    {
        if (_body is null || SymbolChain(handle) is not { } released)
        {
            return null;
        }

        List<ILocalSymbol>? pointers = null;
        foreach (IOperation operation in _body.Operations)
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "AcquirePointer", Instance: { } acquired, Arguments: { Length: 1 } arguments } &&
                arguments[0].Value is ILocalReferenceOperation pointer && SymbolChain(acquired) is { } chain && chain.SequenceEqual(released, SymbolEqualityComparer.Default))
            {
                (pointers ??= new List<ILocalSymbol>()).Add(pointer.Local);
            }
        }

        if (pointers is null)
        {
            return null;
        }

        foreach (IOperation operation in _body.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator &&
                initial.WithoutConversions() is IObjectCreationOperation creation && DerivesFrom(creation.Type, _api.MemoryManagerOfT))
            {
                foreach (IOperation inside in creation.Descendants())
                {
                    if (inside is ILocalReferenceOperation used && pointers.Contains(used.Local))
                    {
                        return declarator.Symbol;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Since round 58: the buffer local this body made over native memory that <paramref name="released"/> lets go of, or
    /// null. <paramref name="released"/> is a pointer given to <c>Marshal.FreeHGlobal</c>, <c>NativeMemory.Free</c> or
    /// <c>AlignedFree</c> (then the memory was made with that pointer: the same local, parameter or field, through casts and
    /// arithmetic), or, when <paramref name="pinnedHandle"/>, a <c>GCHandle</c> being freed (then the memory was made with
    /// its <c>AddrOfPinnedObject()</c>: once unpinned, the GC may move the array that address points into). Only a local
    /// declared with a <c>MemoryManager</c> made there, or a <c>Memory&lt;T&gt;</c>/<c>ReadOnlyMemory&lt;T&gt;</c> made by a
    /// call or creation, with that pointer among what its initializer uses.
    /// </summary>
    public ISymbol? MadeOverReleasedMemory(IOperation released, bool pinnedHandle)
    {
        if (_body is null || SymbolChain(released) is not { } chain)
        {
            return null;
        }

        foreach (IOperation operation in _body.Operations)
        {
            if (operation is not IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator ||
                initial.WithoutConversions() is not (IObjectCreationOperation or IInvocationOperation) ||
                !(DerivesFrom(declarator.Symbol.Type, _api.MemoryManagerOfT) || IsMemoryType(declarator.Symbol.Type)))
            {
                continue;
            }

            foreach (IOperation inside in initial.DescendantsAndSelf())
            {
                IOperation? named = pinnedHandle
                    ? inside is IInvocationOperation { TargetMethod.Name: "AddrOfPinnedObject", Instance: { } handle } ? handle : null
                    : inside is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation ? inside : null;
                if (named is not null && SymbolChain(named) is { } used && used.SequenceEqual(chain, SymbolEqualityComparer.Default))
                {
                    return declarator.Symbol;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Since round 58: the buffer local this body made over the same native pointer as the <c>UnmanagedMemoryStream</c>
    /// <paramref name="stream"/> (a local declared with a creation or call given that pointer, a pointer or <c>nint</c>
    /// local, parameter or field of this object), or null: the stream's writes go into that memory.
    /// </summary>
    public ISymbol? MadeOverStreamPointer(IOperation stream)
    {
        if (_body is null || stream.WithoutConversions() is not ILocalReferenceOperation { Local: var local } ||
            !IsUnmanagedMemoryStream(local.Type))
        {
            return null;
        }

        foreach (IOperation operation in _body.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator &&
                SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) &&
                initial.WithoutConversions() is IObjectCreationOperation or IInvocationOperation)
            {
                foreach (IOperation inside in initial.DescendantsAndSelf())
                {
                    if (inside is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation &&
                        (inside.Type is IPointerTypeSymbol || inside.Type?.SpecialType is SpecialType.System_IntPtr) &&
                        MadeOverReleasedMemory(inside, pinnedHandle: false) is { } made)
                    {
                        return made;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsUnmanagedMemoryStream(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current is INamedTypeSymbol { Name: "UnmanagedMemoryStream" } named && IsSystemIo(named))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMemoryType(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    // `view.SafeMemoryMappedViewHandle` as [view, SafeMemoryMappedViewHandle]: a local, parameter or field of this object,
    // then properties and fields read from it (three at most); null for anything else.
    private static List<ISymbol>? SymbolChain(IOperation operation)
    {
        var chain = new List<ISymbol>();
        for (int depth = 0; depth < 4; depth++)
        {
            switch (operation.WithoutConversions())
            {
                case ILocalReferenceOperation local:
                    chain.Insert(0, local.Local);
                    return chain;
                case IParameterReferenceOperation parameter:
                    chain.Insert(0, parameter.Parameter);
                    return chain;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    chain.Insert(0, field.Field);
                    return chain;
                case IPropertyReferenceOperation { Instance: { } owner, Arguments.Length: 0 } property:
                    chain.Insert(0, property.Property);
                    operation = owner;
                    continue;
                case IFieldReferenceOperation { Instance: { } owner } field:
                    chain.Insert(0, field.Field);
                    operation = owner;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private Buffers(AsyncSysApi api, Dictionary<ILocalSymbol, ISymbol> aliases, SemanticModel? model)
    {
        _api = api;
        _aliases = aliases;
        _model = model;
    }

    // Locals an element of a tuple or collection is read into (foreach, deconstruction): the keeper and the tuple element.
    private Dictionary<ILocalSymbol, (ISymbol Keeper, string? Slot)>? _elements;

    // The buffer each tuple element of a keeper holds (`batch[i] = (buffer, ...)`); null when two buffers are put there.
    private Dictionary<(ISymbol Keeper, string Slot), ISymbol?>? _kept;

    /// <summary>Reads the body once for locals that are views of another buffer (<c>var span = array.AsSpan(4)</c>).</summary>
    public static Buffers Collect(AsyncSysApi api, FunctionBody body)
    {
        var buffers = new Buffers(api, new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default), body.Root.SemanticModel);
        buffers._body = body;
        buffers.CollectLoopCollections(body);
        buffers.CollectPropertyOwners(body);
        buffers.CollectKept(body);
        if (buffers._loopCollections is not null)
        {
            foreach (KeyValuePair<ILocalSymbol, ISymbol> loop in buffers._loopCollections)
            {
                // Not a tuple element of a kept collection (`foreach (var (page, read) in batch)`): CollectKept names its buffer.
                if (buffers.IsBuffer(loop.Key.Type) && buffers.ElementOf(loop.Key) is not { Slot: not null })
                {
                    buffers._aliases[loop.Key] = loop.Value;
                }
            }
        }

        var views = new List<(ILocalSymbol Local, IOperation Value)>();
        var streams = new List<(ILocalSymbol Local, IOperation Buffer)>();
        var writers = new List<(ILocalSymbol Local, IOperation Stream)>();
        var references = new List<(ILocalSymbol Local, IOperation Value, bool IsCollection)>();
        List<(ILocalSymbol Local, IOperation Value)>? copies = null;
        List<(ILocalSymbol Local, IOperation Value)>? pipeReads = null;
        Dictionary<ILocalSymbol, int>? stores = null;
        foreach (IOperation operation in body.Operations)
        {
            CountStore(operation, ref stores);
            switch (operation)
            {
                case IVariableDeclaratorOperation { Symbol.IsRef: true, Initializer: { } initializer } declarator:
                    references.Add((declarator.Symbol, initializer.Value, false));
                    continue;
                case ISimpleAssignmentOperation { IsRef: true, Target: ILocalReferenceOperation target } assignment:
                    references.Add((target.Local, assignment.Value, false));
                    continue;
                case IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol.IsRef: true } variable } loop:
                    references.Add((variable.Symbol, loop.Collection, true));
                    continue;
            }

            (ILocalSymbol? local, IOperation? value) = operation switch
            {
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => ((ILocalSymbol?)target.Local, assignment.Value),
                _ => (null, null),
            };
            if (operation is IInvocationOperation { TargetMethod.Name: "ResetWrittenCount" or "Clear", Instance: { } reset } && IsBufferWriter(reset.Type) &&
                VariableOf(reset) is { } resetWriter)
            {
                var resets = buffers._resetWriters ??= new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                int at = operation.Syntax.SpanStart;
                resets[resetWriter] = resets.TryGetValue(resetWriter, out int earlier) ? System.Math.Min(earlier, at) : at;
            }

            if (operation is IInvocationOperation { TargetMethod.Name: "Advance", Instance: { } advanced } && IsPipeWriter(advanced.Type) &&
                VariableOf(advanced) is { } advancedPipe)
            {
                (buffers._advancedPipes ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(advancedPipe);
            }

            // The memory a pipe's GetMemory gives, kept in a local or (since round 44) a field of this object
            // (`_window = _output.GetMemory(n);`).
            ISymbol? holder = (ISymbol?)local ?? (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field } ? field.Field : null);
            IOperation? given = value ?? (holder is IFieldSymbol ? ((ISimpleAssignmentOperation)operation).Value : null);
            if (holder is not null && given?.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "GetMemory" or "GetSpan", Instance: { } pipe } &&
                IsPipeWriter(pipe.Type) && VariableOf(pipe) is { } pipeVariable)
            {
                var pipes = buffers._pipeMemory ??= new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
                if (!pipes.TryGetValue(pipeVariable, out List<ISymbol>? memories))
                {
                    pipes[pipeVariable] = memories = new List<ISymbol>();
                }

                memories.Add(holder);
            }

            if (local is not null && value is not null && value.WithoutConversions() is IAwaitOperation or IPropertyReferenceOperation { Property.Name: "Buffer" or "First" })
            {
                (pipeReads ??= new List<(ILocalSymbol, IOperation)>()).Add((local, value.WithoutConversions()));
            }

            // `foreach (ReadOnlyMemory<byte> segment in buffer)` over a sequence read from a PipeReader: each segment is that
            // pipe's memory, as `buffer.First` is (since round 52).
            if (operation is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: { IsRef: false } segment } } segments &&
                segments.Collection.WithoutConversions() is ILocalReferenceOperation sequenceLocal)
            {
                (pipeReads ??= new List<(ILocalSymbol, IOperation)>()).Add((segment, sequenceLocal));
            }

            if (local is not null && value is not null && buffers.IsView(local.Type))
            {
                views.Add((local, value));
            }
            else if (operation is IVariableDeclaratorOperation && local is not null && value is not null && buffers.IsBuffer(local.Type) &&
                     value.WithoutConversions() is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
            {
                // `byte[] record = block;`: another name for the same array (kept only when the local is given nothing else).
                (copies ??= new List<(ILocalSymbol, IOperation)>()).Add((local, value));
            }
            else if (local is not null && value is not null && OverBuffer(value) is { } over)
            {
                streams.Add((local, over));
            }
            else if (local is not null && value is not null && WriterOver(value) is { } stream)
            {
                writers.Add((local, stream));
            }
        }

        // A buffer local declared as a copy of another buffer variable and given no other value in the body names the
        // same array all along (since round 44): a write through it while an operation on the original runs is a touch.
        // One given other values too (the locals a double-buffering swap exchanges) is left to MovesAfter, by statement order,
        // and so is a copy of a local that is given other values (`byte[] next = standby;` before `standby = active;`): it
        // names the array the source held at the copy, not whatever the source names later (BufferNames follows that).
        List<(ILocalSymbol Local, IOperation Value)>? copyOnly = null;
        if (copies is not null)
        {
            foreach ((ILocalSymbol local, IOperation value) in copies)
            {
                if (stores is not null && stores.TryGetValue(local, out int count) && count == 1 &&
                    !(value.WithoutConversions() is ILocalReferenceOperation source && stores.TryGetValue(source.Local, out int sourceCount) && sourceCount > 1))
                {
                    (copyOnly ??= new List<(ILocalSymbol, IOperation)>()).Add((local, value));
                }
            }
        }

        if (pipeReads is not null)
        {
            // Operations come in no source order: the await first, then its Buffer, then memory of that (three passes).
            for (int pass = 0; pass < 3; pass++)
            {
                foreach ((ILocalSymbol local, IOperation value) in pipeReads)
                {
                    buffers.CollectPipeReaderMemory(local, value, pass);
                }
            }
        }

        // A view of a view (`Span<int> pairs = MemoryMarshal.Cast<short, int>(samples)`, `ref short first = ref
        // MemoryMarshal.GetReference(samples)`) needs the first view's buffer, and the operations come in no source order:
        // a few rounds, until nothing changes.
        for (int round = 0; round < 3; round++)
        {
            bool changed = false;
            foreach ((ILocalSymbol local, IOperation value) in views)
            {
                changed |= Note(buffers._aliases, local, buffers.RootOf(value));
            }

            if (copyOnly is not null)
            {
                foreach ((ILocalSymbol local, IOperation value) in copyOnly)
                {
                    changed |= Note(buffers._aliases, local, buffers.RootOf(value));
                }
            }

            foreach ((ILocalSymbol local, IOperation value, bool isCollection) in references)
            {
                // `foreach (ref short s in samples)` points into the collection; `ref short first = ref samples[0]` where its value does.
                changed |= Note(buffers._references ??= new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default), local,
                                isCollection ? buffers.RootOf(value) : buffers.ElementRootOf(value));
            }

            if (!changed)
            {
                break;
            }
        }

        buffers.CollectReassignedViews(views);
        foreach ((ILocalSymbol local, IOperation over) in streams)
        {
            if (buffers.RootOf(over) is { } root)
            {
                (buffers._streams ??= new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default))[local] = root;
            }
        }

        // After the streams: `var writer = new BinaryWriter(stream)` needs the stream local's buffer.
        foreach ((ILocalSymbol local, IOperation stream) in writers)
        {
            if (buffers.StreamBuffer(stream, fieldDepth: 0) is { } root)
            {
                (buffers._streams ??= new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default))[local] = root;
            }
        }

        return buffers;
    }

    /// <summary>Counts each way a local is given a value: a declaration's initializer, an assignment, a deconstruction, a ref or out argument.</summary>
    private static void CountStore(IOperation operation, ref Dictionary<ILocalSymbol, int>? stores)
    {
        ILocalSymbol? stored = operation switch
        {
            IVariableDeclaratorOperation { Initializer: not null } declarator => declarator.Symbol,
            IAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation target } => target.Local,
            IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } => target.Local,
            ILocalReferenceOperation { IsDeclaration: true } declared => declared.Local,
            ILocalReferenceOperation { Parent: ITupleOperation } element when IsDeconstructed(element) => element.Local,
            _ => null,
        };
        if (stored is not null)
        {
            stores ??= new Dictionary<ILocalSymbol, int>(SymbolEqualityComparer.Default);
            stores[stored] = stores.TryGetValue(stored, out int count) ? count + 1 : 1;
        }

        static bool IsDeconstructed(IOperation element)
        {
            IOperation current = element;
            while (current.Parent is ITupleOperation or IDeclarationExpressionOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == current;
        }
    }

    /// <summary>
    /// The memory a PipeWriter's <c>FlushAsync</c>, <c>Complete</c> or <c>CompleteAsync</c> hands to the pipe's reader: a local
    /// (or a field of this object) given that writer's <c>GetMemory</c>/<c>GetSpan</c> in this body, when the body also calls the writer's <c>Advance</c>
    /// (which counts the memory as written). The reader then consumes it and the pipe recycles its segment, so an operation
    /// still filling (or reading) it races with both. Null for anything else; the first such local when there are several.
    /// </summary>
    public ISymbol? PublishedBy(IInvocationOperation call) =>
        call is { TargetMethod.Name: "FlushAsync" or "Complete" or "CompleteAsync", Instance: { } pipe } && IsPipeWriter(pipe.Type) &&
        VariableOf(pipe) is { } variable && _advancedPipes is not null && _advancedPipes.Contains(variable) &&
        _pipeMemory is not null && _pipeMemory.TryGetValue(variable, out List<ISymbol>? given)
            ? given[0]
            : null;

    /// <summary><c>System.IO.Pipelines.PipeWriter</c> or a type derived from it.</summary>
    private static bool IsPipeWriter(ITypeSymbol? type) => IsPipelinesType(type, "PipeWriter");

    /// <summary><c>System.IO.Pipelines.PipeReader</c> or a type derived from it.</summary>
    private static bool IsPipeReader(ITypeSymbol? type) => IsPipelinesType(type, "PipeReader");

    private static bool IsPipelinesType(ITypeSymbol? type, string name)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace is { Name: "Pipelines", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The memory a PipeReader's <c>AdvanceTo</c> gives back to the pipe: a local holding memory of a sequence this body read
    /// from that reader (<c>ReadResult result = await reader.ReadAsync(ct); var buffer = result.Buffer; var first =
    /// buffer.First;</c>). Past <c>AdvanceTo</c> the pipe recycles the segments consumed, and the writer's next
    /// <c>GetMemory</c> may be handed the same block, so an operation still sending (or filling) it races with the writer.
    /// Since round 47 (a transport's send loop); null for anything else, the first such local when there are several.
    /// </summary>
    public ISymbol? ReleasedBy(IInvocationOperation call) =>
        call is { TargetMethod.Name: "AdvanceTo", Instance: { } pipe } && IsPipeReader(pipe.Type) &&
        VariableOf(pipe) is { } variable && _readerMemory is not null && _readerMemory.TryGetValue(variable, out List<ISymbol>? given)
            ? given[0]
            : null;

    private void CollectPipeReaderMemory(ILocalSymbol local, IOperation value, int pass)
    {
        IOperation given = value.WithoutConversions();
        if (pass == 0 && given is IAwaitOperation { Operation: var awaited } wait)
        {
            // In a control flow graph the receiver of ConfigureAwait is a flow capture: read the await's own tree.
            if (_model is not null && wait.Syntax.SyntaxTree == _model.SyntaxTree && _model.GetOperation(wait.Syntax) is IAwaitOperation original)
            {
                awaited = original.Operation;
            }

            awaited = awaited.WithoutConversions();
            if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                awaited = configured.WithoutConversions();
            }

            if (awaited is IInvocationOperation { TargetMethod.Name: "ReadAsync" or "ReadAtLeastAsync", Instance: { } reader } &&
                IsPipeReader(reader.Type) && VariableOf(reader) is { } readerVariable)
            {
                (_readResults ??= new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default))[local] = readerVariable;
            }
        }
        else if (pass == 1 && given is IPropertyReferenceOperation { Property.Name: "Buffer", Instance: ILocalReferenceOperation result } &&
                 _readResults is not null && _readResults.TryGetValue(result.Local, out ISymbol? fromResult))
        {
            (_readSequences ??= new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default))[local] = fromResult;
        }
        else if (pass == 2 && IsView(local.Type) &&
                 (given as ILocalReferenceOperation ?? (given is IPropertyReferenceOperation { Property.Name: "First", Instance: ILocalReferenceOperation first } ? first : null)) is { } sequence &&
                 _readSequences is not null && _readSequences.TryGetValue(sequence.Local, out ISymbol? fromSequence))
        {
            var readers = _readerMemory ??= new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
            if (!readers.TryGetValue(fromSequence, out List<ISymbol>? memories))
            {
                readers[fromSequence] = memories = new List<ISymbol>();
            }

            memories.Add(local);
        }
    }

    /// <summary>
    /// The buffer property (get-only, read from this one variable in this body, see <see cref="CollectPropertyOwners"/>) of
    /// the object a local or parameter names (<c>state</c> of <c>state.Buffer</c>): handing that object on hands on its
    /// buffer. Null for anything else.
    /// </summary>
    public IPropertySymbol? BufferPropertyOf(IOperation value)
    {
        ISymbol? owner = value.WithoutConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        if (owner is null)
        {
            return null;
        }

        foreach (KeyValuePair<IPropertySymbol, ISymbol?> held in _propertyOwners)
        {
            if (SymbolEqualityComparer.Default.Equals(held.Value, owner))
            {
                return held.Key;
            }
        }

        return null;
    }

    /// <summary>The local, parameter or field (of this object, or static) an expression names, or null.</summary>
    private static ISymbol? VariableOf(IOperation operation) => operation.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        _ => null,
    };

    /// <summary>
    /// The buffer a stream or writer writes into, or null: a local holding a writable <c>MemoryStream</c> over it
    /// (<c>new MemoryStream(scratch)</c>, also with an offset and count) or a <c>BinaryWriter</c>/<c>StreamWriter</c> made
    /// over such a stream (<c>new BinaryWriter(stream)</c>, <c>new StreamWriter(new MemoryStream(scratch))</c>), or a
    /// <c>readonly</c> field set to one of those in its initializer or the type's constructors (see FieldStream).
    /// </summary>
    public ISymbol? StreamOver(IOperation instance) => instance.WithoutConversions() switch
    {
        ILocalReferenceOperation local => _streams is not null && _streams.TryGetValue(local.Local, out ISymbol? root) ? root : null,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => FieldStream(field.Field, fieldDepth: 0),
        _ => null,
    };

    /// <summary>
    /// The buffer a stream given as an argument writes into (the destination of <c>Stream.CopyTo</c>): a writable
    /// <c>MemoryStream</c> made on the spot over a buffer, a local stream over one, or a readonly field holding one.
    /// </summary>
    public ISymbol? StreamArgumentOver(IOperation stream) => StreamBuffer(stream, fieldDepth: 0);

    /// <summary>
    /// The buffer what a stream expression writes into: a writable <c>MemoryStream</c> made on the spot over a buffer,
    /// a local stream over one, or a readonly field holding one.
    /// </summary>
    private ISymbol? StreamBuffer(IOperation stream, int fieldDepth)
    {
        IOperation value = stream.WithoutConversions();
        if (OverBuffer(value) is { } over)
        {
            return RootOf(over);
        }

        return value switch
        {
            ILocalReferenceOperation local => _streams is not null && _streams.TryGetValue(local.Local, out ISymbol? root) ? root : null,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => FieldStream(field.Field, fieldDepth + 1),
            _ => null,
        };
    }

    /// <summary>
    /// A connection's framing stream or writer kept in a field (<c>_stream = new MemoryStream(_send); _writer = new
    /// BinaryWriter(_stream);</c> in its constructor, or a static field's initializer): the buffer it writes into, when every
    /// value the field is given (its initializer, and assignments in the constructors of its type) makes one over the same
    /// buffer. The field is <c>readonly</c>, or private and given a value nowhere else in its type (see <see cref="IsSetOnlyWhereMade"/>).
    /// Values in any file of a partial type are bound with their own tree's model, once per field and body, and a field only
    /// when a write through it is asked about.
    /// </summary>
    private ISymbol? FieldStream(IFieldSymbol field, int fieldDepth)
    {
        if (_model is null || fieldDepth > 2 || !MayHoldStream(field.Type))
        {
            return null;
        }

        _fieldStreams ??= new Dictionary<IFieldSymbol, ISymbol?>(SymbolEqualityComparer.Default);
        if (_fieldStreams.TryGetValue(field, out ISymbol? known))
        {
            return known;
        }

        // Marked unknown while its values are read, so a field set from itself stops here.
        _fieldStreams[field] = null;
        if (!field.IsReadOnly && !IsSetOnlyWhereMade(field, _model.Compilation))
        {
            return null;
        }

        ISymbol? buffer = null;
        bool any = false;
        foreach (ExpressionSyntax value in FieldValues(field))
        {
#pragma warning disable RS1030 // A value given in another file of a partial type can only be bound through that file's model.
            SemanticModel model = value.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(value.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(value) is not { } operation)
            {
                return null;
            }

            ISymbol? made = OverBuffer(operation) is { } over ? RootOf(over)
                : WriterOver(operation) is { } stream ? StreamBuffer(stream, fieldDepth)
                : null;
            if (made is null || (any && !SymbolEqualityComparer.Default.Equals(made, buffer)))
            {
                return null;
            }

            buffer = made;
            any = true;
        }

        _fieldStreams[field] = buffer;
        return buffer;
    }

    /// <summary>
    /// The values a readonly field is given: its initializer, and the right side of each assignment to it (<c>_x = ...</c>,
    /// <c>this._x = ...</c>) in the constructors of its type (static ones for a static field).
    /// </summary>
    private static IEnumerable<ExpressionSyntax> FieldValues(IFieldSymbol field)
    {
        foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
            {
                yield return initializer;
            }
        }

        foreach (IMethodSymbol constructor in field.IsStatic ? field.ContainingType.StaticConstructors : field.ContainingType.InstanceConstructors)
        {
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax { Left: var left, Right: var right } assignment &&
                        assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression) &&
                        left switch
                        {
                            IdentifierNameSyntax name => name.Identifier.ValueText == field.Name,
                            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == field.Name,
                            _ => false,
                        })
                    {
                        yield return right;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether a field that is not <c>readonly</c> is given values only where its object is made, as if it were: it is private,
    /// and every write of its name in its type (every file of a partial type, nested types included) is a plain assignment
    /// (<c>_x = ...</c>, <c>this._x = ...</c>) in a constructor of the type (a static one for a static field), not inside a
    /// lambda or local function there, which may run later. A compound assignment, a deconstruction, a <c>ref</c> or <c>out</c>
    /// argument, or an assignment anywhere else (another member, an object initializer, through another instance) may give it
    /// another stream, so the field is not followed. Read by name, from syntax; a write of the name that would stop it is
    /// bound (with its own tree's model) to tell a local, a parameter or another type's member of the same name, which
    /// shadows the field there and writes something else, from the field itself.
    /// </summary>
    private static bool IsSetOnlyWhereMade(IFieldSymbol field, Compilation compilation)
    {
        if (field.DeclaredAccessibility != Accessibility.Private)
        {
            return false;
        }

        foreach (SyntaxReference part in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in part.GetSyntax().DescendantNodes())
            {
                if (node is not SimpleNameSyntax { Identifier.ValueText: var name } written || name != field.Name || !IsWritten(written, out bool plain))
                {
                    continue;
                }

                if ((!plain || !InConstructorBody(written, field.IsStatic)) && NamesTheField(written))
                {
                    return false;
                }
            }
        }

        return true;

        // The name as the target of an assignment (`plain`: of a simple one, the name itself or `this.name`), inside the
        // left side of a deconstruction, or a ref or out argument.
        static bool IsWritten(SimpleNameSyntax name, out bool plain)
        {
            plain = false;
            ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            switch (target.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == target:
                    plain = assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression) &&
                            (target == name || target is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax });
                    return true;
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                    return true;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    return tuple.Parent is AssignmentExpressionSyntax deconstruction && deconstruction.Left == tuple;
                default:
                    return false;
            }
        }

        bool NamesTheField(SimpleNameSyntax name)
        {
#pragma warning disable RS1030 // A write in another file of a partial type can only be bound through that file's model; bound only for a write that would stop the field.
            SemanticModel model = compilation.GetSemanticModel(name.SyntaxTree);
#pragma warning restore RS1030
            return model.GetSymbolInfo(name).Symbol is not { } bound ||
                   SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, field.OriginalDefinition);
        }

        static bool InConstructorBody(SyntaxNode node, bool isStatic)
        {
            for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return false;
                    case ConstructorDeclarationSyntax constructor:
                        return constructor.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StaticKeyword) == isStatic;
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }
    }

    /// <summary>A type a stream or writer over a buffer may be kept as: System.IO's Stream, BinaryWriter, TextWriter and what derives from them.</summary>
    private static bool MayHoldStream(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current is INamedTypeSymbol { Name: "Stream" or "BinaryWriter" or "TextWriter" } named && IsSystemIo(named))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSystemIo(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// The stream argument of <c>new BinaryWriter(stream ...)</c> or <c>new StreamWriter(stream ...)</c>: what the writer
    /// writes into (a StreamWriter's bytes reach it when its own buffer fills, on Flush, or at once with AutoFlush).
    /// </summary>
    private static IOperation? WriterOver(IOperation value)
    {
        if (CompressorOver(value) is { } compressed)
        {
            return compressed;
        }

        if (value.WithoutConversions() is not IObjectCreationOperation { Constructor: { ContainingType: { Name: "BinaryWriter" or "StreamWriter" } type } constructor } creation ||
            !IsSystemIo(type) || creation.Arguments.Length == 0 || constructor.Parameters.Length == 0 ||
            constructor.Parameters[0].Type is not INamedTypeSymbol { Name: "Stream" } parameterType || !IsSystemIo(parameterType))
        {
            return null;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The stream argument of a compressing stream made over it (since session 58: <c>new DeflateStream(staging,
    /// CompressionLevel.Fastest)</c>, also <c>ZLibStream</c>, <c>GZipStream</c> and <c>BrotliStream</c>): its Write, Flush and
    /// Dispose put compressed bytes into that stream. Only when the constructor's second argument says it compresses (a
    /// <c>CompressionLevel</c>, compression options, or the constant <c>CompressionMode.Compress</c>); a decompressing one
    /// only reads its stream.
    /// </summary>
    private static IOperation? CompressorOver(IOperation value)
    {
        if (value.WithoutConversions() is not IObjectCreationOperation { Constructor: { } constructor } creation ||
            !IsCompressionStream(constructor.ContainingType) || constructor.Parameters.Length < 2)
        {
            return null;
        }

        IOperation? stream = null;
        bool compresses = false;
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                stream = argument.Value;
            }
            else if (argument.Parameter?.Ordinal == 1)
            {
                compresses = argument.Parameter.Type.Name switch
                {
                    "CompressionLevel" or "ZLibCompressionOptions" or "BrotliCompressionOptions" => true,
                    "CompressionMode" => argument.Value.ConstantValue is { HasValue: true, Value: 1 },
                    _ => false,
                };
            }
        }

        return compresses ? stream : null;
    }

    /// <summary>Whether a type is one of System.IO.Compression's compressing streams (see <see cref="CompressorOver"/>).</summary>
    public static bool IsCompressionStream(ITypeSymbol? type) =>
        type is { Name: "DeflateStream" or "ZLibStream" or "GZipStream" or "BrotliStream" } &&
        type.ContainingNamespace is { Name: "Compression", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The array argument of <c>new MemoryStream(byte[] ...)</c> when the stream may write to it (not <c>writable: false</c>).</summary>
    private static IOperation? OverBuffer(IOperation value)
    {
        if (value.WithoutConversions() is not IObjectCreationOperation
            {
                Constructor.ContainingType: { Name: "MemoryStream", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
            } creation ||
            creation.Arguments.Length == 0 || creation.Arguments[0].Value.Type is not IArrayTypeSymbol)
        {
            return null;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter is { Name: "writable" } && argument.Value.ConstantValue is { HasValue: true, Value: false })
            {
                return null;
            }
        }

        return creation.Arguments[0].Value;
    }

    /// <summary>
    /// A view local given views of two buffers names, at each use, the buffer of the assignment that reaches it: double
    /// buffering through one view local (`words = Cast(front...)`, swap, `words = Cast(back...)`, swap) writes the
    /// array it was last made of, not the first one (see <see cref="ReachingView"/>).
    /// </summary>
    private void CollectReassignedViews(List<(ILocalSymbol Local, IOperation Value)> views)
    {
        var byLocal = new Dictionary<ILocalSymbol, List<ViewAssignment>>(SymbolEqualityComparer.Default);
        foreach ((ILocalSymbol local, IOperation value) in views)
        {
            if (value.Syntax.FirstAncestorOrSelf<StatementSyntax>() is not { } statement)
            {
                continue;
            }

            if (!byLocal.TryGetValue(local, out List<ViewAssignment>? assignments))
            {
                byLocal[local] = assignments = new List<ViewAssignment>();
            }

            // Only a statement that is the assignment itself always makes it; one holding it in a condition or a
            // nested statement may not.
            bool whole = statement is LocalDeclarationStatementSyntax ||
                         (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && assignment.Right.Span.Contains(value.Syntax.Span));
            assignments.Add(new ViewAssignment(statement, value, whole));
        }

        foreach (KeyValuePair<ILocalSymbol, List<ViewAssignment>> entry in byLocal)
        {
            if (entry.Value.Count < 2)
            {
                continue;
            }

            var roots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (ViewAssignment assignment in entry.Value)
            {
                if (RootOf(assignment.Value) is { } root)
                {
                    roots.Add(root);
                }
            }

            if (roots.Count > 1)
            {
                (_reassignedViews ??= new Dictionary<ILocalSymbol, List<ViewAssignment>>(SymbolEqualityComparer.Default))[entry.Key] = entry.Value;
            }
        }
    }

    /// <summary>
    /// The value of the assignment that reaches <paramref name="use"/>: the nearest earlier statement of an enclosing
    /// block that assigns the local, when that statement is the assignment itself (it runs before the use on every way
    /// there, a loop's next iteration included). Null when the nearest such statement only holds an assignment (an
    /// <c>if</c>, a loop), none is in sight, or the use is in a lambda or local function (it runs at another time).
    /// </summary>
    private static IOperation? ReachingView(SyntaxNode use, List<ViewAssignment> assignments)
    {
        SyntaxNode node = use;
        while (node.Parent is { } parent && node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
        {
            if (parent is BlockSyntax block && node is StatementSyntax statement)
            {
                for (int i = block.Statements.IndexOf(statement) - 1; i >= 0; i--)
                {
                    StatementSyntax earlier = block.Statements[i];
                    foreach (ViewAssignment assignment in assignments)
                    {
                        if (assignment.Statement == earlier)
                        {
                            return assignment.Whole ? assignment.Value : null;
                        }

                        if (earlier.Span.Contains(assignment.Statement.Span))
                        {
                            return null;
                        }
                    }
                }
            }

            node = parent;
        }

        return null;
    }

    private sealed class ViewAssignment
    {
        public ViewAssignment(StatementSyntax statement, IOperation value, bool whole)
        {
            Statement = statement;
            Value = value;
            Whole = whole;
        }

        public StatementSyntax Statement { get; }

        public IOperation Value { get; }

        /// <summary>Whether the statement is the assignment itself, so running it always makes the view.</summary>
        public bool Whole { get; }
    }

    /// <summary>Records that <paramref name="local"/> stands for <paramref name="root"/>; whether that is new.</summary>
    private static bool Note(Dictionary<ILocalSymbol, ISymbol> map, ILocalSymbol local, ISymbol? root)
    {
        if (root is null || SymbolEqualityComparer.Default.Equals(root, local) ||
            (map.TryGetValue(local, out ISymbol? known) && SymbolEqualityComparer.Default.Equals(known, root)))
        {
            return false;
        }

        map[local] = root;
        return true;
    }

    /// <summary>
    /// Buffers kept beside a task in a tuple, alone or in a collection's elements (<c>batch[i] = (buffer, ring.ReadAsync(fd,
    /// buffer, ...))</c>), and the locals such elements are read into (<c>foreach (var (page, read) in batch)</c>,
    /// <c>var (page, read) = batch[i]</c>): <c>page</c>, <c>batch[i].Buffer</c> and <c>pending.Buffer</c> are the buffer put there.
    /// </summary>
    private void CollectKept(FunctionBody body)
    {
        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case ITupleOperation tuple when KeptTasks.KeptIn(tuple) is { } kept:
                    for (int i = 0; i < tuple.Elements.Length; i++)
                    {
                        if (RootOf(tuple.Elements[i]) is { } root)
                        {
                            var key = (kept.Keeper, "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                            _kept ??= new Dictionary<(ISymbol, string), ISymbol?>(KeyComparer.Instance);
                            _kept[key] = _kept.TryGetValue(key, out ISymbol? seen) && !SymbolEqualityComparer.Default.Equals(seen, root) ? null : root;
                        }
                    }

                    break;
                case IForEachLoopOperation { LoopControlVariable: { } variable } loop when KeptTasks.SymbolOf(loop.Collection) is { } collection:
                    AddElements(variable, collection, slot: null);
                    break;
                case IDeconstructionAssignmentOperation { Target: { } target, Value: { } value } when ElementRead(value) is { } read:
                    AddElements(target, read.Keeper, read.Slot);
                    break;
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when ElementRead(value) is { } read:
                    (_elements ??= new Dictionary<ILocalSymbol, (ISymbol, string?)>(SymbolEqualityComparer.Default))[declarator.Symbol] = (read.Keeper, read.Slot);
                    break;
            }
        }
    }

    /// <summary><c>batch[i]</c>, <c>pending</c> (a tuple local), or one element of them (<c>pending.Receive</c>): the keeper and the element.</summary>
    private (ISymbol Keeper, string? Slot)? ElementRead(IOperation value)
    {
        value = value.WithoutConversions();
        string? slot = null;
        if (value is IFieldReferenceOperation { Instance: { } instance, Field: var field } && field.ContainingType.IsTupleType)
        {
            slot = KeptTasks.SlotOf(field);
            value = instance.WithoutConversions();
        }

        if (value is ILocalReferenceOperation local && _elements is not null && _elements.TryGetValue(local.Local, out var element))
        {
            return (element.Keeper, slot ?? element.Slot);
        }

        IOperation? collection = value switch
        {
            IArrayElementReferenceOperation item => item.ArrayReference,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } => indexed,
            _ => null,
        };
        if (collection is not null)
        {
            return KeptTasks.SymbolOf(collection) is { } keeper ? (keeper, slot) : null;
        }

        return value.Type?.IsTupleType == true && KeptTasks.SymbolOf(value) is { } tuple ? (tuple, slot) : null;
    }

    /// <summary>Each local a foreach variable or deconstruction target declares, with the tuple element it receives.</summary>
    private void AddElements(IOperation target, ISymbol keeper, string? slot)
    {
        target = target.WithoutConversions();
        switch (target)
        {
            case IDeclarationExpressionOperation declaration:
                AddElements(declaration.Expression, keeper, slot);
                break;
            case ITupleOperation tuple when slot is null:
                for (int i = 0; i < tuple.Elements.Length; i++)
                {
                    AddElements(tuple.Elements[i], keeper, "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case ILocalReferenceOperation local:
                (_elements ??= new Dictionary<ILocalSymbol, (ISymbol, string?)>(SymbolEqualityComparer.Default))[local.Local] = (keeper, slot);
                break;
            case IVariableDeclaratorOperation declarator:
                (_elements ??= new Dictionary<ILocalSymbol, (ISymbol, string?)>(SymbolEqualityComparer.Default))[declarator.Symbol] = (keeper, slot);
                break;
        }
    }

    /// <summary>The buffer put in the kept tuple element a local or a tuple field reads, or null.</summary>
    private ISymbol? KeptRoot(IOperation read)
    {
        if (_kept is null)
        {
            return null;
        }

        (ISymbol Keeper, string? Slot)? element = read is ILocalReferenceOperation local ? ElementOf(local.Local) : ElementRead(read);
        return element is { Slot: { } slot } found && _kept.TryGetValue((found.Keeper, slot), out ISymbol? root) ? root : null;
    }

    /// <summary>The keeper and tuple element a local holds an element of (see <see cref="CollectKept"/>), or null.</summary>
    public (ISymbol Keeper, string? Slot)? ElementOf(ILocalSymbol local) =>
        _elements is not null && _elements.TryGetValue(local, out var element) ? element : null;

    private sealed class KeyComparer : IEqualityComparer<(ISymbol Keeper, string Slot)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((ISymbol Keeper, string Slot) x, (ISymbol Keeper, string Slot) y) =>
            SymbolEqualityComparer.Default.Equals(x.Keeper, y.Keeper) && x.Slot == y.Slot;

        public int GetHashCode((ISymbol Keeper, string Slot) key) => SymbolEqualityComparer.Default.GetHashCode(key.Keeper) ^ key.Slot.GetHashCode();
    }

    /// <summary>
    /// Makes <paramref name="parameter"/> (a callback's <c>object? state</c>) stand for <paramref name="buffer"/>, the
    /// buffer the code registering the callback passes as that state: <c>token.Register(static s =&gt;
    /// ArrayPool&lt;byte&gt;.Shared.Return((byte[])s!), frame)</c> returns <c>frame</c>.
    /// </summary>
    public void StandFor(IParameterSymbol parameter, ISymbol buffer)
    {
        _stateParameter = parameter;
        _stateBuffer = buffer;
    }

    /// <summary>
    /// The buffer properties that stand for one buffer in this body: a get-only auto-property (<c>Memory&lt;byte&gt; Data { get; }</c>)
    /// read from a single local (declared outside any loop) or parameter the body never assigns after it is declared, so every <c>victim.Data</c> in
    /// the body is the same memory. Read from two objects, or from something else (a call, a field), the property is not
    /// followed: <c>a.Data</c> and <c>b.Data</c> are different buffers.
    /// </summary>
    private void CollectPropertyOwners(FunctionBody body)
    {
        var assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        // `RecordFrame recycled = frame;`: a local declared as a copy of another local or parameter of its type (a struct
        // copied, or a second name for an object) reads the same get-only properties, the same memory (since round 44).
        Dictionary<ILocalSymbol, ISymbol>? copyOf = null;
        // Since round 61: `Chunk next = current with { Offset = ... };` is such a copy for every property its initializer does
        // not set (a record's `with` copies the others as they are: the same array); the properties it sets are its own.
        Dictionary<ILocalSymbol, HashSet<ISymbol>>? setByWith = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } declared } declarator && !IsDeclaredInLoop(declarator.Symbol))
            {
                IOperation initial = declared.WithoutConversions();
                HashSet<ISymbol>? own = null;
                if (initial is IWithOperation { Operand: { } operand, Initializer: { } with })
                {
                    initial = operand.WithoutConversions();
                    own = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                    foreach (IOperation set in with.Initializers)
                    {
                        if (set is IAssignmentOperation { Target: IMemberReferenceOperation member })
                        {
                            own.Add(member.Member);
                        }
                    }
                }

                if (initial is ILocalReferenceOperation or IParameterReferenceOperation { Parameter.RefKind: RefKind.None or RefKind.In } &&
                    SymbolEqualityComparer.Default.Equals(initial.Type, declarator.Symbol.Type) && !IsBuffer(declarator.Symbol.Type))
                {
                    (copyOf ??= new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default))[declarator.Symbol] =
                        initial is ILocalReferenceOperation source ? source.Local : ((IParameterReferenceOperation)initial).Parameter;
                    if (own is not null)
                    {
                        (setByWith ??= new Dictionary<ILocalSymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default))[declarator.Symbol] = own;
                    }
                }
            }
        }

        foreach (IOperation operation in body.Operations)
        {
            if (operation is IPropertyReferenceOperation { Instance: { } instance } reference && IsBuffer(reference.Type) && IsStoredOnce(reference.Property))
            {
                ISymbol? owner = instance.WithoutConversions() switch
                {
                    // `foreach (PendingLine line in batch) ... line.Buffer`: the elements of batch, in every loop over it.
                    ILocalReferenceOperation local when _loopCollections is not null && _loopCollections.TryGetValue(local.Local, out ISymbol? collection) => collection,
                    // `foreach (CachedPage victim in victims) { ...WriteAsync(fd, victim.Buffer...); ...Return(victim.Buffer); }`:
                    // one element per pass, the same memory within it (see IterationLoopOf).
                    ILocalReferenceOperation local when _iterationVariables is not null && _iterationVariables.ContainsKey(local.Local) => local.Local,
                    ILocalReferenceOperation local when !IsDeclaredInLoop(local.Local) => CopiedFrom(local.Local, reference.Property),
                    IParameterReferenceOperation { Parameter.RefKind: RefKind.None or RefKind.In } parameter => parameter.Parameter,
                    _ => null,
                };
                _propertyOwners[reference.Property] = _propertyOwners.TryGetValue(reference.Property, out ISymbol? seen) && !SymbolEqualityComparer.Default.Equals(seen, owner)
                    ? null
                    : owner;
            }
            else if (operation is IAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment)
            {
                assigned.Add(assignment.Target is ILocalReferenceOperation local ? local.Local : ((IParameterReferenceOperation)assignment.Target).Parameter);
            }
        }

        foreach (IPropertySymbol property in new List<IPropertySymbol>(_propertyOwners.Keys))
        {
            if (_propertyOwners[property] is { } owner && assigned.Contains(owner))
            {
                _propertyOwners[property] = null;
            }
        }

        // The variable a copy was made of, through copies of copies, when neither it nor the copies are assigned again.
        // A `with` copy that sets the property holds its own value there and stops the walk.
        ISymbol CopiedFrom(ILocalSymbol local, IPropertySymbol property)
        {
            ISymbol current = local;
            for (int depth = 0; depth < 4 && current is ILocalSymbol copy && copyOf is not null && copyOf.TryGetValue(copy, out ISymbol? source) &&
                                !(setByWith is not null && setByWith.TryGetValue(copy, out HashSet<ISymbol>? own) && own.Contains(property)) &&
                                !IsAssignedLater(copy) && !IsAssignedLater(source); depth++)
            {
                current = source;
            }

            return current;
        }

        bool IsAssignedLater(ISymbol variable)
        {
            foreach (IOperation operation in body.Operations)
            {
                if ((operation is IAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, variable)) ||
                    (operation is IAssignmentOperation { Target: IParameterReferenceOperation parameter } && SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable)) ||
                    (operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } && SymbolEqualityComparer.Default.Equals(passed.Local, variable)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // The variable of each foreach over a local, parameter or field: that collection (see CollectLoopCollections).
    private Dictionary<ILocalSymbol, ISymbol>? _loopCollections;

    // The variable of each foreach whose body starts an operation: the loop's body (see IterationLoopOf).
    private Dictionary<ILocalSymbol, SyntaxNode>? _iterationVariables;

    /// <summary>
    /// For a buffer property read only from the variable of a foreach that starts an operation (<c>victim.Buffer</c>), the
    /// loop's body: the property is one element's buffer within a pass, another one on the next pass. A touch of it is a
    /// touch of the buffer in flight only inside that body after the start (the same pass); before the start it is the
    /// next element, whose operation has not started (the last one's runs on another buffer). Null for any other buffer.
    /// </summary>
    public SyntaxNode? IterationLoopOf(ISymbol buffer) =>
        buffer is IPropertySymbol property && _iterationVariables is not null &&
        _propertyOwners.TryGetValue(property, out ISymbol? owner) && owner is ILocalSymbol variable &&
        _iterationVariables.TryGetValue(variable, out SyntaxNode? loopBody)
            ? loopBody
            : null;

    /// <summary>
    /// The variables of foreach loops over a collection named by a local, parameter or field: each stands for the
    /// collection's elements, in every loop over it. A buffer property read from such a variable is the elements' buffers
    /// (<c>segments.Add(line.Buffer.AsMemory(0, line.Length))</c> in one loop, <c>ArrayPool&lt;byte&gt;.Shared.Return(line.Buffer)</c>
    /// in a second loop over the same batch), and so is the variable when it is a buffer itself (an element of a list of
    /// arrays, or a segment of the list given to a vectored operation). A deconstructing foreach is left to
    /// <see cref="CollectKept"/>. Not a loop that starts an operation itself: there the next pass touches the next element
    /// while the operation on the last one runs, another buffer.
    /// </summary>
    private void CollectLoopCollections(FunctionBody body)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: { IsRef: false } variable } } loop &&
                !StartsAnOperation(loop.Body) &&
                loop.Collection.WithoutConversions() switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    IFieldReferenceOperation field => field.Field,
                    _ => (ISymbol?)null,
                } is { } collection)
            {
                (_loopCollections ??= new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default))[variable] = collection;
            }
            else if (operation is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: { IsRef: false } started }, Body: { } passBody } startingLoop &&
                     StartsAnOperation(startingLoop.Body))
            {
                (_iterationVariables ??= new Dictionary<ILocalSymbol, SyntaxNode>(SymbolEqualityComparer.Default))[started] = passBody.Syntax;
            }

            if (operation is ILoopOperation { Body: { } keepingBody } keepingLoop && StartsAnOperation(keepingLoop.Body))
            {
                CollectCollected(keepingBody);
            }
        }
    }

    // Since session 58: a local declared in the body of a loop that starts an operation, given its value once and put into a
    // local collection there (`rented.Add(packet)`, `rented[i] = packet`): that collection, whose elements are the objects
    // of every pass (see ElementOfCollected).
    private Dictionary<ILocalSymbol, ILocalSymbol>? _collected;

    private void CollectCollected(IOperation loopBody)
    {
        foreach (IOperation inside in loopBody.Descendants())
        {
            (IOperation? collection, IOperation? item) = inside switch
            {
                IInvocationOperation { TargetMethod.Name: "Add", Instance: { } list, Arguments.Length: 1 } add => (list, add.Arguments[0].Value),
                ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: { } array } } store => (array, store.Value),
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list } } store => (list, store.Value),
                _ => (null, null),
            };
            if (collection?.WithoutConversions() is ILocalReferenceOperation { Local: { IsRef: false } keeper } &&
                item?.WithoutConversions() is ILocalReferenceOperation { Local: { IsRef: false, Type.IsReferenceType: true } element } &&
                !SymbolEqualityComparer.Default.Equals(keeper, element) && DeclaredOnceIn(element, loopBody))
            {
                (_collected ??= new Dictionary<ILocalSymbol, ILocalSymbol>(SymbolEqualityComparer.Default))[element] = keeper;
                (_iterationVariables ??= new Dictionary<ILocalSymbol, SyntaxNode>(SymbolEqualityComparer.Default))[element] = loopBody.Syntax;
            }
        }
    }

    // Declared in the loop's body with an initializer and never assigned again (one object per pass).
    private static bool DeclaredOnceIn(ILocalSymbol local, IOperation loopBody)
    {
        bool declared = false;
        foreach (IOperation inside in loopBody.Descendants())
        {
            switch (inside)
            {
                case IVariableDeclaratorOperation { Initializer: not null } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    declared = true;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    return false;
            }
        }

        return declared;
    }

    /// <summary>
    /// Since session 58: the buffer property of the objects a loop that starts their operations put into a local collection
    /// (<c>rented.Add(packet)</c> with <c>packet.Data</c> sent), when <paramref name="value"/> names an element of that
    /// collection: the variable of a foreach over it, or an element (<c>rented[i]</c>). Such an element may be any pass's
    /// object, so a release of it is a release of every operation's buffer (not only the same pass's).
    /// </summary>
    public IPropertySymbol? CollectedBufferOf(IOperation value)
    {
        if (_collected is null)
        {
            return null;
        }

        ISymbol? collection = value.WithoutConversions() switch
        {
            ILocalReferenceOperation local when _loopCollections is not null && _loopCollections.TryGetValue(local.Local, out ISymbol? over) => over,
            IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } => array.Local,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation list } => list.Local,
            _ => null,
        };
        if (collection is null)
        {
            return null;
        }

        foreach (KeyValuePair<ILocalSymbol, ILocalSymbol> collected in _collected)
        {
            if (!SymbolEqualityComparer.Default.Equals(collected.Value, collection))
            {
                continue;
            }

            foreach (KeyValuePair<IPropertySymbol, ISymbol?> held in _propertyOwners)
            {
                if (SymbolEqualityComparer.Default.Equals(held.Value, collected.Key))
                {
                    return held.Key;
                }
            }
        }

        return null;
    }

    private bool StartsAnOperation(IOperation code)
    {
        foreach (IOperation inside in code.DescendantsAndSelf())
        {
            if (inside is IInvocationOperation call && _api.IsAsyncSyscall(call.TargetMethod))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A loop's variable or a local declared in a loop body is another object on each pass, while the last one's operation may be in flight.</summary>
    private static bool IsDeclaredInLoop(ILocalSymbol local)
    {
        foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
        {
            for (SyntaxNode? node = reference.GetSyntax(); node is not null and not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A get-only (or init-only) auto-property of this compilation, also a positional record's: it returns what the
    /// constructor stored, the same memory every time.
    /// </summary>
    private static bool IsStoredOnce(IPropertySymbol property)
    {
        if (property.SetMethod is { IsInitOnly: false } || property.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is ParameterSyntax)
            {
                // A positional record's init-only property (`record struct PendingLine(byte[] Buffer, int Length)`).
                continue;
            }

            if (reference.GetSyntax() is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null } ||
                accessors.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The variable that owns the memory behind <paramref name="value"/>, or null if none is in sight.</summary>
    public ISymbol? RootOf(IOperation value) => RootOf(value, 0);

    private ISymbol? RootOf(IOperation value, int depth)
    {
        while (depth++ < MaxDepth)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetMemory" or "GetSpan", Instance: { } writer } getFree when IsBufferWriter(writer.Type):
                    // Free space after what the writer holds: not the bytes its WrittenMemory gave an operation. Once this
                    // body reset the writer (ResetWrittenCount, Clear: earlier in the source), the free space starts at the
                    // array's start again, over the bytes a write of its WrittenMemory may still read (since round 52).
                    if (VariableOf(writer) is { } resetWriter && _resetWriters is not null && _resetWriters.TryGetValue(resetWriter, out int resetAt) &&
                        resetAt < getFree.Syntax.SpanStart)
                    {
                        value = writer;
                        continue;
                    }

                    return null;
                case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan" or "Slice" or "GetMemory" or "GetSpan" } invocation:
                    IOperation? source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (source is null)
                    {
                        return null;
                    }

                    value = source;
                    continue;
                case IInvocationOperation { Arguments.Length: > 0 } view when IsViewMaker(view.TargetMethod):
                    // `MemoryMarshal.Cast<byte, short>(span)`, `MemoryMarshal.GetReference(span)`, `Unsafe.Add(ref first, i)`:
                    // the same memory under another type or as a reference, made from the first argument.
                    IArgumentOperation from = view.Arguments[0];
                    if (from.Parameter?.RefKind is not (null or RefKind.None))
                    {
                        return ElementRootOf(from.Value, depth);
                    }

                    value = from.Value;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Memory" or "Span", Instance: { } owner }:
                    value = owner;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "WrittenMemory" or "WrittenSpan", Instance: { } writer } when IsBufferWriter(writer.Type):
                    // `output.WrittenMemory` of an ArrayBufferWriter<T>: the writer's own array.
                    value = writer;
                    continue;
                case IPropertyReferenceOperation { Instance: { } lease } view when IsView(view.Type) && IsLease(lease.Type):
                    // `lease.Bytes` of a type of this compilation whose Dispose gives back the buffer it holds.
                    value = lease;
                    continue;
                case IImplicitIndexerReferenceOperation { Instance: { } sliced } range when IsView(range.Type) && IsView(sliced.Type):
                    // `memory[2..]`, `span[..4]`: a range of a view is a Slice of the same memory (of an array it would be a copy).
                    value = sliced;
                    continue;
                case IArrayElementReferenceOperation { ArrayReference: { } segments } element when IsView(element.Type):
                    // `segments[1]` of a Memory<byte>[] given to a vectored read: the array stands for every segment.
                    value = segments;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation list } element when IsView(element.Type):
                    // `segments[1]` of a List<Memory<byte>>: the list stands for its segments (a root only when it is one
                    // of an operation's, see BufferTouchedInFlightAnalyzer.AddRoots).
                    return list.Local;
                case IObjectCreationOperation { Arguments.Length: > 0 } creation when IsView(creation.Type):
                    // new Memory<byte>(array, ...), new Span<byte>(array), new ArraySegment<byte>(array, ...)
                    value = creation.Arguments[0].Value;
                    continue;
                case ILocalReferenceOperation local:
                    if (_reassignedViews is not null && _reassignedViews.TryGetValue(local.Local, out List<ViewAssignment>? assignments) &&
                        ReachingView(local.Syntax, assignments) is { } reaching)
                    {
                        value = reaching;
                        continue;
                    }

                    if (_aliases.TryGetValue(local.Local, out ISymbol? root))
                    {
                        return root;
                    }

                    if (KeptRoot(local) is { } kept)
                    {
                        // `foreach (var (page, read) in batch)`: page is the buffer put in batch's elements.
                        return kept;
                    }

                    return IsBuffer(local.Type) ? local.Local : null;
                case IFlowCaptureReferenceOperation capture when _model is not null && capture.Syntax.SyntaxTree == _model.SyntaxTree:
                    // In a control flow graph `using (owner)` disposes a capture of the expression: name what it captured
                    // (operations in a graph carry no semantic model, the body's own tree does).
                    ISymbol? captured = _model.GetSymbolInfo(capture.Syntax).Symbol;
                    if (captured is ILocalSymbol capturedLocal && _aliases.TryGetValue(capturedLocal, out ISymbol? capturedRoot))
                    {
                        return capturedRoot;
                    }

                    return captured switch
                    {
                        ILocalSymbol l when IsBuffer(l.Type) => l,
                        IParameterSymbol p when IsBuffer(p.Type) => p,
                        IFieldSymbol f when IsBuffer(f.Type) => f,
                        _ => null,
                    };
                case IPropertyReferenceOperation { Instance: not null } member when IsBuffer(member.Type) &&
                    _propertyOwners.TryGetValue(member.Property, out ISymbol? single) && single is not null:
                    // `victim.Data`, the one object this body reads it from (see CollectPropertyOwners).
                    return member.Property;
                case IParameterReferenceOperation state when _stateBuffer is not null && SymbolEqualityComparer.Default.Equals(state.Parameter, _stateParameter):
                    return _stateBuffer;
                case IParameterReferenceOperation parameter when IsBuffer(parameter.Type):
                    return parameter.Parameter;
                case IFieldReferenceOperation { Field.ContainingType.IsTupleType: true } element when KeptRoot(element) is { } held:
                    // `pending.Buffer`, `batch[i].Buffer`, `item.Buffer`: the buffer put in that element of the tuple.
                    return held;
                case IFieldReferenceOperation field when IsBuffer(field.Type):
                    return field.Field;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The buffer a reference points into, or null: an element (<c>ref buffer[i]</c>, <c>ref span[^1]</c>, a field of one:
    /// <c>ref headers[i].Length</c>), a ref local pointing into one, or what a view-making method returns by reference
    /// (<c>MemoryMarshal.GetReference(span)</c>, <c>MemoryMarshal.AsRef&lt;Header&gt;(span)</c>, <c>Unsafe.Add(ref first, 4)</c>).
    /// The variable that holds a buffer (<c>ref buffer</c>, as <c>Array.Resize</c> takes it) is not a reference into it.
    /// </summary>
    public ISymbol? ElementRootOf(IOperation reference) => ElementRootOf(reference, 0);

    private ISymbol? ElementRootOf(IOperation reference, int depth)
    {
        while (depth++ < MaxDepth)
        {
            switch (reference)
            {
                case IConversionOperation conversion:
                    reference = conversion.Operand;
                    continue;
                case IFieldReferenceOperation { Field.IsStatic: false, Instance: { Type.IsValueType: true } element }:
                    // A field of a struct element is inside the element.
                    reference = element;
                    continue;
                case IArrayElementReferenceOperation element:
                    return RootOf(element.ArrayReference, depth);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span } when IsView(span.Type):
                    return RootOf(span, depth);
                case IImplicitIndexerReferenceOperation { Instance: { } indexed } when IsView(indexed.Type) || indexed.Type is IArrayTypeSymbol:
                    return RootOf(indexed, depth);
                case ILocalReferenceOperation { Local.IsRef: true } local:
                    return _references is not null && _references.TryGetValue(local.Local, out ISymbol? root) ? root : null;
                case IInvocationOperation call when (call.TargetMethod.ReturnsByRef || call.TargetMethod.ReturnsByRefReadonly) && IsViewMaker(call.TargetMethod):
                    return RootOf(call, depth);
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// A library method that only makes a view of the memory its first argument refers to and writes nothing: a span or
    /// memory of it (<c>MemoryMarshal.Cast</c>, <c>AsBytes</c>, <c>CreateSpan</c>, <c>MemoryExtensions.Trim</c>) or a reference
    /// into it (<c>MemoryMarshal.GetReference</c>, <c>AsRef</c>, <c>GetArrayDataReference</c>, <c>Unsafe.Add</c>, <c>Unsafe.As</c>).
    /// What the code then writes through that view is the write.
    /// </summary>
    public static bool IsViewMaker(IMethodSymbol method) =>
        method.Parameters.Length > 0 && method.DeclaringSyntaxReferences.IsEmpty &&
        (method.ReturnsByRef || method.ReturnsByRefReadonly || IsViewType(method.ReturnType)) &&
        method.ContainingType is { Name: "MemoryMarshal" or "MemoryExtensions" or "Unsafe" } type &&
        type.ContainingNamespace?.ToDisplayString() is "System.Runtime.InteropServices" or "System" or "System.Runtime.CompilerServices";

    /// <summary>An owner of memory the rules follow.</summary>
    public bool IsBuffer(ITypeSymbol? type) =>
        type is IArrayTypeSymbol || IsView(type) || IsMemoryOwner(type) || DerivesFrom(type, _api.MemoryManagerOfT) || IsBufferWriter(type) || IsLease(type);

    /// <summary>
    /// <c>System.Buffers.ArrayBufferWriter&lt;T&gt;</c>: its <c>WrittenMemory</c> is its own array, which <c>Clear()</c> zeroes
    /// (<c>ResetWrittenCount()</c> only moves the count).
    /// </summary>
    public static bool IsBufferWriter(ITypeSymbol? type) =>
        type is INamedTypeSymbol { MetadataName: "ArrayBufferWriter`1", ContainingNamespace: { Name: "Buffers", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    // Types of this compilation already asked whether they are leases (see IsLease): whether their Dispose, and their
    // DisposeAsync, give back the buffer they hold.
    private Dictionary<INamedTypeSymbol, (bool Dispose, bool DisposeAsync)>? _leases;

    /// <summary>
    /// A lease: a struct or class of this compilation whose parameterless <c>Dispose</c> or <c>DisposeAsync</c> gives back a
    /// buffer it holds in a field or property, returning an array to an <c>ArrayPool</c> (<c>ArrayPool&lt;byte&gt;.Shared.Return(_array)</c>,
    /// or a pool it keeps) or disposing an <c>IMemoryOwner&lt;T&gt;</c> (<c>_owner.Dispose()</c>); a DisposeAsync that calls that
    /// Dispose gives it back too. Its views (<c>lease.Memory</c>) are that buffer, and the method that gives it back (the end of a
    /// <c>using</c> or an <c>await using</c>) releases it. Read from the syntax of those methods, one level, once per type and body.
    /// </summary>
    public bool IsLease(ITypeSymbol? type) => LeaseOf(type) is { } lease && (lease.Dispose || lease.DisposeAsync);

    /// <summary>Whether <paramref name="method"/> (<c>Dispose</c> or <c>DisposeAsync</c>) of a lease type gives back its buffer.</summary>
    public bool ReleasesOn(ITypeSymbol? type, string method) =>
        LeaseOf(type) is { } lease && (method == "DisposeAsync" ? lease.DisposeAsync : lease.Dispose);

    private (bool Dispose, bool DisposeAsync)? LeaseOf(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct or TypeKind.Class } named || named.DeclaringSyntaxReferences.IsEmpty ||
            named.SpecialType != SpecialType.None)
        {
            return null;
        }

        _leases ??= new Dictionary<INamedTypeSymbol, (bool, bool)>(SymbolEqualityComparer.Default);
        if (!_leases.TryGetValue(named, out (bool Dispose, bool DisposeAsync) lease))
        {
            bool dispose = ReleasesHeldBuffer(named, "Dispose", out _);
            lease = (dispose, ReleasesHeldBuffer(named, "DisposeAsync", out bool callsDispose) || (callsDispose && dispose));
            _leases[named] = lease;
        }

        return lease;
    }

    /// <summary>
    /// Whether the type's parameterless <paramref name="name"/> gives back a buffer the type holds; <paramref name="callsDispose"/>
    /// says whether it calls the type's own parameterless <c>Dispose()</c> (a DisposeAsync that does gives back what Dispose does).
    /// </summary>
    private bool ReleasesHeldBuffer(INamedTypeSymbol type, string name, out bool callsDispose)
    {
        callsDispose = false;
        foreach (ISymbol member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { Parameters.Length: 0, IsStatic: false } dispose && MethodReleasesHeldBuffer(type, dispose, ref callsDispose))
            {
                return true;
            }
        }

        return false;
    }

    private Dictionary<IMethodSymbol, bool>? _releasingMethods;

    /// <summary>
    /// Whether <paramref name="method"/>, an instance method of a lease type (see <see cref="IsLease"/>) other than its
    /// <c>Dispose</c>/<c>DisposeAsync</c>, gives back the buffer the lease holds, as a reusable argument object's
    /// <c>SetBuffer(count)</c> does when it returns its pooled array to rent a larger one (since round 52): the lease's views
    /// an operation was given are that array, which the pool hands to the next caller.
    /// </summary>
    public bool ReleasedByMethod(IMethodSymbol method)
    {
        if (method is not { IsStatic: false, MethodKind: MethodKind.Ordinary, Name: not ("Dispose" or "DisposeAsync") } ||
            method.ContainingType is not { } type || !IsLease(type))
        {
            return false;
        }

        _releasingMethods ??= new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        if (!_releasingMethods.TryGetValue(method, out bool releases))
        {
            bool callsDispose = false;
            releases = MethodReleasesHeldBuffer(type, method, ref callsDispose) || (callsDispose && ReleasesOn(type, "Dispose"));
            _releasingMethods[method] = releases;
        }

        return releases;
    }

    private bool MethodReleasesHeldBuffer(INamedTypeSymbol type, IMethodSymbol dispose, ref bool callsDispose)
    {
        foreach (SyntaxReference reference in dispose.DeclaringSyntaxReferences)
        {
            SyntaxNode body = reference.GetSyntax();
            foreach (SyntaxNode node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: IdentifierNameSyntax { Identifier.ValueText: "Dispose" } or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "Dispose" } })
                {
                    callsDispose = true;
                    continue;
                }

                if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call)
                {
                    continue;
                }

                switch (access.Name.Identifier.ValueText)
                {
                    case "Return" when call.ArgumentList.Arguments.Count > 0 && HeldThrough(type, body, call.ArgumentList.Arguments[0].Expression) is IArrayTypeSymbol && IsPool(type, access.Expression):
                        return true;
                    case "Dispose" when HeldThrough(type, body, access.Expression) is { } held && IsMemoryOwner(held):
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The type of the field or property of <paramref name="type"/> an expression in <c>Dispose</c> names, directly or through
    /// a local of that method taken from it, so that a release made safe against a second Dispose is one too:
    /// <c>if (_array is { } array) { _array = null; Return(array); }</c>, <c>var a = _array; if (a != null) { ... }</c>,
    /// <c>var a = Interlocked.Exchange(ref _array, null);</c>. Null when it names neither.
    /// </summary>
    private static ITypeSymbol? HeldThrough(INamedTypeSymbol type, SyntaxNode dispose, ExpressionSyntax expression)
    {
        if (HeldBy(type, expression) is { } held)
        {
            return held;
        }

        if (expression is not IdentifierNameSyntax { Identifier.ValueText: var name })
        {
            return null;
        }

        foreach (SyntaxNode node in dispose.DescendantNodes())
        {
            ExpressionSyntax? taken = node switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var value } declarator when declarator.Identifier.ValueText == name => value,
                SingleVariableDesignationSyntax designation when designation.Identifier.ValueText == name =>
                    designation.FirstAncestorOrSelf<IsPatternExpressionSyntax>()?.Expression,
                _ => null,
            };
            if (taken is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exchange" }, ArgumentList.Arguments: { Count: > 0 } arguments })
            {
                // `Interlocked.Exchange(ref _array, null)`: what the field held.
                taken = arguments[0].Expression;
            }

            if (taken is not null)
            {
                return HeldBy(type, taken);
            }
        }

        return null;
    }

    /// <summary>The type of the field or property of <paramref name="type"/> an expression names (<c>_array</c>, <c>this._array</c>), or null.</summary>
    private static ITypeSymbol? HeldBy(INamedTypeSymbol type, ExpressionSyntax expression)
    {
        string? name = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        foreach (ISymbol member in type.GetMembers(name))
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false } field:
                    return field.Type;
                case IPropertySymbol { IsStatic: false } property:
                    return property.Type;
            }
        }

        return null;
    }

    /// <summary><c>ArrayPool&lt;T&gt;.Shared</c>, or a field or property of the type holding an <c>ArrayPool&lt;T&gt;</c>.</summary>
    private bool IsPool(INamedTypeSymbol type, ExpressionSyntax pool)
    {
        if (pool is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shared", Expression: var owner })
        {
            SimpleNameSyntax? poolType = owner switch
            {
                GenericNameSyntax generic => generic,
                MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic,
                QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic,
                _ => null,
            };
            return poolType?.Identifier.ValueText == "ArrayPool";
        }

        return HeldBy(type, pool) is { } held && SymbolEqualityComparer.Default.Equals(held.OriginalDefinition, _api.ArrayPoolOfT);
    }

    /// <summary>A view of someone else's memory: Memory, ReadOnlyMemory, Span, ReadOnlySpan, ArraySegment.</summary>
    public bool IsView(ITypeSymbol? type) => IsViewType(type);

    private static bool IsViewType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named &&
        named.OriginalDefinition.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } &&
        named.MetadataName is "Memory`1" or "ReadOnlyMemory`1" or "Span`1" or "ReadOnlySpan`1" or "ArraySegment`1";

    /// <summary>An <c>IMemoryOwner&lt;T&gt;</c>, whose Dispose gives the memory back.</summary>
    public bool IsMemoryOwner(ITypeSymbol? type)
    {
        if (type is null || _api.MemoryOwnerOfT is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _api.MemoryOwnerOfT))
        {
            return true;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _api.MemoryOwnerOfT))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
