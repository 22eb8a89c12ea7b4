using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1004: memory on the stack (<c>stackalloc</c>, a pointer from <c>fixed</c>, the address of a local)
/// handed to an operation that is still in flight when the frame returns or the pin ends: an IoRing op, a
/// <c>RingRequest</c>, a generated <c>XxxAsync</c>; or an address of such memory kept across an await.
/// </summary>
/// <remarks>
/// The kernel (or a worker) writes into the buffer when the operation completes, which may be after the
/// method returned, after a cancellation, or after the <c>fixed</c> block let the GC move the array. It then
/// writes into whatever the stack or the heap holds there by then.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StackMemoryInFlightAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1004";

    private const int MaxTraceDepth = 8;

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Stack memory is handed to an operation that outlives it",
        messageFormat: "'{0}' points to {1}, which may be gone or moved while {2} is still in flight; use pinned or native memory the operation owns until it completes",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An asynchronous syscall keeps using its buffers until the kernel's completion arrives, also after cancellation. stackalloc memory and the address of a local die with the frame, and a fixed pointer is only pinned inside its block. Pass an array or Memory<byte> (AsyncSys pins it for the operation), or NativeMemory you free after the operation completed.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <summary>
    /// Every origin the rule reports starts at stackalloc, an address-of, a fixed statement or AsPointer, and
    /// reaches an operation through an async syscall, a RingRequest, a helper of this compilation that takes an
    /// address and starts one (named as the user likes: <c>SubmitSend(&amp;header)</c>), or a value kept across an
    /// await. The whole root is checked, not each body, because a pointer can be made in one function and used in a
    /// nested one.
    /// </summary>
    private protected override bool IsCandidate(CodeRoot root) =>
        root.HasAny(CodeFeatures.StackAddress) &&
        (root.HasAny(CodeFeatures.AsyncCall | CodeFeatures.RingRequest | CodeFeatures.AddressTakingStarter) || root.AwaitsInAsyncCode);

    private protected override void AnalyzeBody(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        var stores = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: not null } declarator:
                    Add(stores, declarator.Symbol, declarator.Initializer.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(stores, target.Local, assignment.Value);
                    break;
            }
        }

        foreach (IOperation operation in body.Operations)
        {
            if (operation is IInvocationOperation invocation &&
                (api.IsAsyncSyscall(invocation.TargetMethod) || api.IsRingRequestFactory(invocation.TargetMethod)) &&
                !IsWaitedOnTheSpot(invocation))
            {
                string operationName = "'" + invocation.TargetMethod.Name + "'";
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    string? origin = DescribeStackOrigin(context, argument.Value, stores, 0) ??
                        StoredThroughPointer(context, body, stores, argument.Value, invocation, everyElement: api.IsGeneratedVariant(invocation.TargetMethod));
                    if (origin is not null && !argument.IsImplicit)
                    {
                        context.Report(Diagnostic.Create(Rule, argument.Syntax.GetLocation(), argument.Value.Syntax.ToString(), origin, operationName));
                    }
                }

                if (!invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty && !api.IsRingRequestFactory(invocation.TargetMethod))
                {
                    // A forwarder of this compilation given stack storage by reference (round 60: `StartSend(ring, fd, ref
                    // header)` returning the ring's operation over `Unsafe.AsPointer(ref header)`): as for any helper.
                    ReportHelperStartingOperation(context, api, stores, invocation, byReferenceOnly: true);
                }
            }
            else if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } handOff && !IsWaitedOnTheSpot(handOff))
            {
                // A local function that starts the operation with a pointer it is given: the caller's argument is what it gets.
                // An async one that awaits the operation is no wait for this frame: the call returns at its first await.
                foreach (IArgumentOperation argument in handOff.Arguments)
                {
                    if (argument.IsImplicit || argument.Parameter is not { } parameter || !IsAddress(parameter.Type) ||
                        DescribeStackOrigin(context, argument.Value, stores, 0) is not { } origin ||
                        OperationStartedIn(context, api, handOff.TargetMethod, parameter) is not { } started)
                    {
                        continue;
                    }

                    string operationName = "'" + started.TargetMethod.Name + "' (started by '" + handOff.TargetMethod.Name + "')";
                    context.Report(Diagnostic.Create(Rule, argument.Syntax.GetLocation(), argument.Value.Syntax.ToString(), origin, operationName));
                }
            }
            else if (operation is IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Ordinary, DeclaringSyntaxReferences.IsEmpty: false } } helperCall &&
                     !IsWaitedOnTheSpot(helperCall))
            {
                ReportHelperStartingOperation(context, api, stores, helperCall);
            }
            else if (operation is ILocalReferenceOperation use && body.IsAsync)
            {
                ReportIfKeptAcrossAwait(context, body, stores, use);
            }
        }
    }

    /// <summary>
    /// Stack memory given to a method of this compilation (ordinary, static or extension) whose body starts an operation
    /// with that parameter and returns without waiting for it: one level, as for local functions.
    /// </summary>
    private static void ReportHelperStartingOperation(CodeRootContext context, AsyncSysApi api, Dictionary<ILocalSymbol, List<IOperation>> stores, IInvocationOperation call, bool byReferenceOnly = false)
    {
        foreach (IArgumentOperation argument in call.Arguments)
        {
            // The helper's body is bound only for an address of stack memory: the arguments are looked at first. Since
            // round 60 also stack storage given by reference (`StartRead(fd, ref header)` with `StartRead<T>(..., ref T
            // header) where T : unmanaged`), when the helper takes its address for the operation (`Unsafe.AsPointer(ref header)`).
            if (argument.IsImplicit || argument.Parameter is not { } parameter)
            {
                continue;
            }

            string? origin = IsAddress(parameter.Type) ? (byReferenceOnly ? null : DescribeStackOrigin(context, argument.Value, stores, 0))
                : parameter.RefKind is RefKind.Ref or RefKind.In or RefKind.RefReadOnlyParameter ? DescribeReferencedStorage(context, argument.Value, stores, 0)
                : null;
            if (origin is null || OperationStartedWith(context, api, call.TargetMethod, parameter) is not { } started)
            {
                continue;
            }

            string operationName = "'" + started.TargetMethod.Name + "' (started by '" + call.TargetMethod.Name + "')";
            context.Report(Diagnostic.Create(Rule, argument.Syntax.GetLocation(), argument.Value.Syntax.ToString(), origin, operationName));
        }
    }

    /// <summary>
    /// The operation a method's own body (nested functions left out) starts with <paramref name="parameter"/> in its
    /// arguments, an asynchronous syscall or a <c>RingRequest</c>, unless it waits for it on the spot.
    /// </summary>
    private static IInvocationOperation? OperationStartedWith(CodeRootContext context, AsyncSysApi api, IMethodSymbol method, IParameterSymbol parameter, int depth = 0)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        IParameterSymbol? own = null;
        foreach (IParameterSymbol candidate in method.Parameters)
        {
            if (candidate.Name == parameter.Name)
            {
                own = candidate;
            }
        }

        if (own is null || context.HelperBody(method) is not { } body)
        {
            return null;
        }

        return OperationStartedWith(api, body, own, context, depth);
    }

    /// <summary>
    /// The operation a local function's own body starts with <paramref name="parameter"/> in its arguments, unless it
    /// waits for it on the spot (an <c>await</c> there does not count: its caller has returned by then).
    /// </summary>
    private static IInvocationOperation? OperationStartedIn(CodeRootContext context, AsyncSysApi api, IMethodSymbol localFunction, IParameterSymbol parameter)
    {
        foreach (FunctionBody body in context.Bodies)
        {
            if (SymbolEqualityComparer.Default.Equals(body.Symbol, localFunction.OriginalDefinition))
            {
                return OperationStartedWith(api, body.Root, parameter.OriginalDefinition);
            }
        }

        return null;
    }

    private static IInvocationOperation? OperationStartedWith(AsyncSysApi api, IOperation body, IParameterSymbol own, CodeRootContext? context = null, int depth = 0)
    {
        HashSet<ILocalSymbol> madeOver = LocalsMadeOver(body, own);
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            IOperation operation = pending.Pop();
            if (operation is IInvocationOperation invocation &&
                (api.IsAsyncSyscall(invocation.TargetMethod) || api.IsRingRequestFactory(invocation.TargetMethod)) &&
                !IsWaitedOnTheSpot(invocation) && ReachesOperation(invocation, own, madeOver))
            {
                return invocation;
            }

            // Since round 47, one level more: the helper hands the pointer itself, as it got it, to another method of this
            // compilation that starts the operation with it (`SendProbeAsync(byte* frame, ...)` counting the probe, then
            // `return SendRawAsync(frame, ...)`, which wraps and sends it), the layering transports put between their API
            // and the ring. Two levels from the caller in all.
            if (depth == 0 && context is not null && operation is IInvocationOperation inner &&
                inner.TargetMethod is { MethodKind: MethodKind.Ordinary, DeclaringSyntaxReferences.IsEmpty: false } &&
                !IsWaitedOnTheSpot(inner) && HandsOnItself(inner, own) is { } innerParameter &&
                OperationStartedWith(context, api, inner.TargetMethod, innerParameter, depth + 1) is { } deeper)
            {
                return deeper;
            }

            foreach (IOperation child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Stack memory whose address this body stores, before the operation starts, into a field of the structure the
    /// operation is given a pointer to (<c>_header->Name = (nint)address;</c> then <c>RingRequest.SendMsg(fd, (nint)_header, 0)</c>):
    /// the kernel follows that field while the operation runs. The pointer must be the same local, parameter or field
    /// of this object; a value copied into the structure (not an address) is not stack memory. A field of the structure
    /// may point at another structure the kernel follows as well (<c>_header->Iov = _iov;</c> with
    /// <c>_iov->Base = (nint)body;</c>: msghdr to iovec to the data): stores through that pointer count the same, two levels
    /// down. An element of such a linked array is followed too (<c>_iov[1].Base = (nint)body;</c>: the kernel reads every
    /// iovec up to the count), and of the structure the operation is given, element 0, or with
    /// <paramref name="everyElement"/> every element: a generated variant's address argument is whatever the wrapped call
    /// reads there, and an ioctl's may be an array (SPI_IOC_MESSAGE(n) reads n <c>spi_ioc_transfer</c>s), where a ring
    /// request's msghdr is one structure. A link a constructor makes between
    /// two readonly pointer fields of this object (<c>_header->Iov = (nint)_iov;</c> once, when the buffers are allocated)
    /// holds for every later operation, unless this body links that field of the structure itself before the operation.
    /// </summary>
    private static string? StoredThroughPointer(CodeRootContext context, FunctionBody body, Dictionary<ILocalSymbol, List<IOperation>> stores, IOperation argument, IOperation call, bool everyElement, int depth = 0)
    {
        if (depth > 2 || PointerVariable(argument) is not { } pointer)
        {
            return null;
        }

        HashSet<IFieldSymbol>? linkedHere = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not ISimpleAssignmentOperation store || store.Syntax.Span.End > call.Syntax.SpanStart)
            {
                continue;
            }

            // `p->Field = ...` and `(*p).Field = ...` (the compiler's dereference node around the pointer), or the whole
            // structure copied in, `*p = template;`.
            // Also through a ref local bound to such a structure or element (`ref IoVec vector = ref _iov[0]; vector.Base =
            // frame;`, since round 44): the store goes where the reference points.
            IOperation? through = store.Target switch
            {
                IFieldReferenceOperation { Instance: { Kind: OperationKind.None } dereference } => dereference,
                { Kind: OperationKind.None } dereference => dereference,
                IFieldReferenceOperation { Instance: ILocalReferenceOperation { Local.IsRef: true } reference } => BoundThrough(body, reference.Local),
                ILocalReferenceOperation { Local.IsRef: true } reference when !store.IsRef => BoundThrough(body, reference.Local),
                _ => null,
            };
            if (PointerThrough(through, depth > 0 || everyElement) is not { } throughPointer ||
                !SymbolEqualityComparer.Default.Equals(PointerVariable(throughPointer), pointer))
            {
                continue;
            }

            if ((DescribeStackOrigin(context, store.Value, stores, 1) ?? CarriedByStructure(context, body, store.Value, stores, 1)) is { } origin)
            {
                return origin + " stored in '" + store.Target.Syntax + "'";
            }

            if (store.Target is IFieldReferenceOperation linkField)
            {
                (linkedHere ??= new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default)).Add(linkField.Field);
            }

            if (PointerVariable(store.Value) is { } linked && !SymbolEqualityComparer.Default.Equals(linked, pointer) &&
                StoredThroughPointer(context, body, stores, store.Value, call, everyElement, depth + 1) is { } reached)
            {
                return reached;
            }

            // The whole structure written with its links in an initializer (`*message = new MsgHeader { Iov = (nint)iov,
            // IovLength = 3 };`, since round 55): each pointer it is given is a link the kernel follows, as a field store is.
            if (store.Value.WithoutConversions() is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IFieldReferenceOperation } memberStore &&
                        PointerVariable(memberStore.Value) is { } memberLinked && !SymbolEqualityComparer.Default.Equals(memberLinked, pointer) &&
                        StoredThroughPointer(context, body, stores, memberStore.Value, call, everyElement, depth + 1) is { } reachedThrough)
                    {
                        return reachedThrough;
                    }
                }
            }
        }

        foreach (ISimpleAssignmentOperation link in ConstructorLinks(context, pointer))
        {
            if (!(linkedHere?.Contains(((IFieldReferenceOperation)link.Target).Field) ?? false) &&
                StoredThroughPointer(context, body, stores, link.Value, call, everyElement, depth + 1) is { } reached)
            {
                return reached;
            }
        }

        return null;
    }

    /// <summary>
    /// What a ref local of <paramref name="body"/> is bound to when that is a structure reached through a pointer
    /// (<c>ref IoVec vector = ref _iov[0];</c>, <c>ref MsgHdr header = ref *_header;</c>) and it is never bound elsewhere
    /// (<c>vector = ref other;</c>); null otherwise.
    /// </summary>
    private static IOperation? BoundThrough(FunctionBody body, ILocalSymbol reference)
    {
        IOperation? bound = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } value } declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference))
            {
                bound = value.Kind == OperationKind.None ? value : null;
            }
            else if (operation is ISimpleAssignmentOperation { IsRef: true, Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, reference))
            {
                return null;
            }
        }

        return bound;
    }

    /// <summary>
    /// The pointer a store target goes through: <c>p->Field</c>, <c>(*p).Field</c> and <c>*p</c> (the compiler's dereference
    /// node, one child), or an element <c>p[i].Field</c> (its pointer element access: the pointer, then the index): element 0
    /// only, unless <paramref name="anyElement"/> (a linked array such as an iovec array, whose every element up to the count
    /// the kernel reads, or an array a generated variant is given).
    /// </summary>
    private static IOperation? PointerThrough(IOperation? through, bool anyElement)
    {
        if (through is null)
        {
            return null;
        }

        if (through.ChildOperations.Count == 1)
        {
            return through.ChildOperations.First();
        }

        if (through.ChildOperations.Count == 2 && through.Syntax is ElementAccessExpressionSyntax &&
            through.ChildOperations.First() is { Type: IPointerTypeSymbol } pointer &&
            (anyElement || through.ChildOperations.ElementAt(1).ConstantValue is { HasValue: true, Value: 0 }))
        {
            return pointer;
        }

        return null;
    }

    /// <summary>
    /// Links a constructor of this object makes from the structure a readonly pointer field points at to another readonly
    /// pointer field (<c>_header->Iov = (nint)_iov;</c>): both fields keep pointing at the same memory afterwards, so the
    /// link holds when a later member starts an operation with the structure.
    /// </summary>
    private static IEnumerable<ISimpleAssignmentOperation> ConstructorLinks(CodeRootContext context, ISymbol pointer)
    {
        if (pointer is not IFieldSymbol { IsReadOnly: true, IsStatic: false } field)
        {
            yield break;
        }

        foreach (IMethodSymbol constructor in field.ContainingType.InstanceConstructors)
        {
            if (constructor.DeclaringSyntaxReferences.Length != 1 ||
                constructor.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is not ConstructorDeclarationSyntax declaration ||
                (declaration.Body is null && declaration.ExpressionBody is null) ||
                context.ModelOf(declaration.SyntaxTree).GetOperation(declaration, context.CancellationToken) is not { } root)
            {
                continue;
            }

            foreach (IOperation operation in root.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: { Kind: OperationKind.None } dereference } } link &&
                    PointerThrough(dereference, anyElement: false) is { } through &&
                    SymbolEqualityComparer.Default.Equals(PointerVariable(through), field) &&
                    PointerVariable(link.Value) is IFieldSymbol { IsReadOnly: true, IsStatic: false } linked &&
                    !SymbolEqualityComparer.Default.Equals(linked, field))
                {
                    yield return link;
                }
            }
        }
    }

    /// <summary>
    /// A stack address a structure value carries in one of its fields (at any nesting): set by the object initializer
    /// of <c>new MsgHdr { Control = control }</c> or of a <c>with</c>, or, for a local structure, by the last value it
    /// was given before it is read and the stores into its fields after that (<c>template.Control = control;</c>). The
    /// last store into a field before the copy is what the copy carries.
    /// </summary>
    private static string? CarriedByStructure(CodeRootContext context, FunctionBody body, IOperation value, Dictionary<ILocalSymbol, List<IOperation>> stores, int depth) =>
        CarriedField(context, body, value, stores, depth)?.Origin;

    private static (IFieldSymbol Field, string Origin)? CarriedField(CodeRootContext context, FunctionBody body, IOperation value, Dictionary<ILocalSymbol, List<IOperation>> stores, int depth)
    {
        value = value.WithoutConversions();
        if (depth > MaxTraceDepth || value.Type is not { IsValueType: true, TypeKind: TypeKind.Struct, SpecialType: SpecialType.None })
        {
            return null;
        }

        switch (value)
        {
            case IObjectCreationOperation { Initializer: { } initializer }:
                return CarriedByInitializer(context, body, initializer, stores, depth);
            case IWithOperation with:
                if (CarriedByInitializer(context, body, with.Initializer, stores, depth) is { } set)
                {
                    return set;
                }

                return CarriedField(context, body, with.Operand, stores, depth + 1) is { } kept && !Sets(with.Initializer, kept.Field) ? kept : null;
            case ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } reference:
                return CarriedByLocal(context, body, local, reference.Syntax.SpanStart, stores, depth);
            default:
                return null;
        }
    }

    private static (IFieldSymbol Field, string Origin)? CarriedByInitializer(CodeRootContext context, FunctionBody body, IObjectOrCollectionInitializerOperation initializer, Dictionary<ILocalSymbol, List<IOperation>> stores, int depth)
    {
        foreach (IOperation member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment &&
                (DescribeStackOrigin(context, assignment.Value, stores, depth + 1) ?? CarriedByStructure(context, body, assignment.Value, stores, depth + 1)) is { } origin)
            {
                return (field.Field, origin + " in '" + field.Field.Name + "'");
            }
        }

        return null;
    }

    private static bool Sets(IObjectOrCollectionInitializerOperation initializer, IFieldSymbol field)
    {
        foreach (IOperation member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Field, field))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a local structure holds where it is read at <paramref name="readAt"/>: the last value it was given before, and
    /// the last store into each of its fields after that (<c>template.Control = control;</c>).
    /// </summary>
    private static (IFieldSymbol Field, string Origin)? CarriedByLocal(CodeRootContext context, FunctionBody body, ILocalSymbol local, int readAt, Dictionary<ILocalSymbol, List<IOperation>> stores, int depth)
    {
        IOperation? whole = null;
        if (stores.TryGetValue(local, out List<IOperation>? values))
        {
            foreach (IOperation stored in values)
            {
                if (stored.Syntax.Span.End <= readAt && (whole is null || stored.Syntax.SpanStart > whole.Syntax.SpanStart))
                {
                    whole = stored;
                }
            }
        }

        int since = whole?.Syntax.Span.End ?? 0;
        List<ISimpleAssignmentOperation>? fieldStores = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: ILocalReferenceOperation owner } } store &&
                store.Syntax.SpanStart >= since && store.Syntax.Span.End <= readAt && SymbolEqualityComparer.Default.Equals(owner.Local, local))
            {
                (fieldStores ??= new List<ISimpleAssignmentOperation>()).Add(store);
            }
        }

        if (fieldStores is not null)
        {
            foreach (ISimpleAssignmentOperation store in fieldStores)
            {
                IFieldSymbol field = ((IFieldReferenceOperation)store.Target).Field;
                if (LastStoreInto(fieldStores, field) == store &&
                    (DescribeStackOrigin(context, store.Value, stores, depth + 1) ?? CarriedByStructure(context, body, store.Value, stores, depth + 1)) is { } origin)
                {
                    return (field, origin + " stored in '" + store.Target.Syntax + "'");
                }
            }
        }

        if (whole is not null && CarriedField(context, body, whole, stores, depth + 1) is { } carried &&
            (fieldStores is null || LastStoreInto(fieldStores, carried.Field) is null))
        {
            return carried;
        }

        return null;
    }

    private static ISimpleAssignmentOperation? LastStoreInto(List<ISimpleAssignmentOperation> fieldStores, IFieldSymbol field)
    {
        ISimpleAssignmentOperation? last = null;
        foreach (ISimpleAssignmentOperation store in fieldStores)
        {
            if (SymbolEqualityComparer.Default.Equals(((IFieldReferenceOperation)store.Target).Field, field) &&
                (last is null || store.Syntax.SpanStart > last.Syntax.SpanStart))
            {
                last = store;
            }
        }

        return last;
    }

    private static ISymbol? PointerVariable(IOperation value)
    {
        IOperation stripped = value.WithoutConversions();
        ISymbol? symbol = stripped switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            _ => null,
        };
        return stripped.Type is IPointerTypeSymbol ? symbol : null;
    }

    private static bool IsAddress(ITypeSymbol type) => type is IPointerTypeSymbol || type.SpecialType == SpecialType.System_IntPtr;

    /// <summary>An address of stack memory stored in a local (as <c>nint</c>) and used after an await.</summary>
    private static void ReportIfKeptAcrossAwait(CodeRootContext context, FunctionBody body, Dictionary<ILocalSymbol, List<IOperation>> stores, ILocalReferenceOperation use)
    {
        if (use.Parent is ISimpleAssignmentOperation assignment && assignment.Target == use)
        {
            return;
        }

        string? origin = DescribeStackOrigin(context, use, stores, 0);
        if (origin is null || !stores.TryGetValue(use.Local, out List<IOperation>? values))
        {
            return;
        }

        int storedAt = values.Max(v => v.Syntax.Span.End);
        if (body.AwaitBetween(storedAt, use.Syntax.SpanStart) is not null)
        {
            context.Report(Diagnostic.Create(Rule, use.Syntax.GetLocation(), use.Local.Name, origin, "the await"));
        }
    }

    private static void Add(Dictionary<ILocalSymbol, List<IOperation>> stores, ILocalSymbol local, IOperation value)
    {
        if (!stores.TryGetValue(local, out List<IOperation>? values))
        {
            stores[local] = values = new List<IOperation>();
        }

        values.Add(value);
    }

    /// <summary>Where a pointer-like value points, if that is stack or temporarily pinned memory.</summary>
    private static string? DescribeStackOrigin(CodeRootContext context, IOperation value, Dictionary<ILocalSymbol, List<IOperation>> stores, int depth)
    {
        if (depth > MaxTraceDepth)
        {
            return null;
        }

        if (value.Syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax)
        {
            return "stackalloc memory";
        }

        switch (value)
        {
            case IConversionOperation conversion when IsInlineArray(conversion.Operand.Type) && IsSpanType(conversion.Type):
                // Since round 60: `Span<byte> span = datagram;` of an [InlineArray] value: a span over the value's storage.
                return DescribeReferencedStorage(context, conversion.Operand, stores, depth + 1);
            case IConversionOperation conversion:
                return DescribeStackOrigin(context, conversion.Operand, stores, depth);
            case IInvocationOperation { TargetMethod.Name: "AsPointer", TargetMethod.ContainingType.Name: "Unsafe", Arguments.Length: 1 } asPointer:
                return DescribeReferencedStorage(context, asPointer.Arguments[0].Value, stores, depth + 1);
            case IObjectCreationOperation creation when IsMemoryManager(creation.Type):
                // A MemoryManager over a pointer: the Memory it hands out is only as alive as that pointer.
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    string? wrapped = DescribeStackOrigin(context, argument.Value, stores, depth + 1);
                    if (wrapped is not null)
                    {
                        return wrapped + " wrapped in a " + creation.Type!.Name;
                    }
                }

                return null;
            case IInvocationOperation { Instance: null } helper when IsMemoryMaker(helper.TargetMethod):
                // One level into a helper of this compilation that wraps a pointer in Memory (through a MemoryManager).
                foreach (IArgumentOperation argument in helper.Arguments)
                {
                    string? wrapped = argument.Value.Type is IPointerTypeSymbol || argument.Value.Type?.SpecialType == SpecialType.System_IntPtr
                        ? DescribeStackOrigin(context, argument.Value, stores, depth + 1)
                        : null;
                    if (wrapped is not null)
                    {
                        return wrapped + " wrapped in Memory by '" + helper.TargetMethod.Name + "'";
                    }
                }

                return null;
            case IPropertyReferenceOperation { Property.Name: "Memory", Instance: { } manager }:
                return DescribeStackOrigin(context, manager, stores, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "GetMemory" or "Slice" or "AsMemory", Instance: { } source }:
                return DescribeStackOrigin(context, source, stores, depth + 1);
            case IAddressOfOperation { Reference: ILocalReferenceOperation local }:
                return "the local '" + local.Local.Name + "'";
            case IAddressOfOperation { Reference: IParameterReferenceOperation parameter } when parameter.Parameter.RefKind == RefKind.None:
                return "the parameter '" + parameter.Parameter.Name + "'";
            case IAddressOfOperation { Reference: IFieldReferenceOperation { Instance: ILocalReferenceOperation owner } }:
                return "a field of the local '" + owner.Local.Name + "'";
            case IBinaryOperation { LeftOperand.Type.TypeKind: TypeKind.Pointer } arithmetic:
                return DescribeStackOrigin(context, arithmetic.LeftOperand, stores, depth + 1);
            case IObjectCreationOperation { Arguments.Length: 2 } span when IsSpanOverPointer(span):
                // Since round 58: `new Span<byte>(p, n)` over a fixed or stack pointer, taken back to a pointer later
                // (`Unsafe.AsPointer(ref MemoryMarshal.GetReference(span))`): the span is that memory.
                return DescribeStackOrigin(context, span.Arguments[0].Value, stores, depth + 1);
            case IObjectCreationOperation { Arguments.Length: 1 } creation when creation.Type?.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return DescribeStackOrigin(context, creation.Arguments[0].Value, stores, depth + 1);
            case IObjectCreationOperation { Arguments.Length: 1 } spanOverRef when IsSpanOverReference(spanOverRef):
                // Since round 60: `new Span<T>(ref header)`, a one-element span over the storage it refers to.
                return DescribeReferencedStorage(context, spanOverRef.Arguments[0].Value, stores, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "CreateSpan" or "CreateReadOnlySpan", TargetMethod.ContainingType.Name: "MemoryMarshal", Arguments.Length: 2 } createSpan:
                // Since round 60: `MemoryMarshal.CreateSpan(ref address, 1)`, `CreateSpan(ref key[0], 32)`: a span over that storage.
                return DescribeReferencedStorage(context, createSpan.Arguments[0].Value, stores, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "AsBytes" or "Cast", TargetMethod.ContainingType.Name: "MemoryMarshal", Arguments.Length: 1 } view:
                // Since round 60: the same memory seen as other elements (`MemoryMarshal.AsBytes(new Span<MsgHeader>(ref header))`).
                return DescribeStackOrigin(context, view.Arguments[0].Value, stores, depth + 1);
            case IFieldReferenceOperation { Field.IsFixedSizeBuffer: true, Field.IsStatic: false, Instance: { } bufferOwner }:
                // Since round 60: `byte* data = scratch.Data;` of a `fixed byte Data[64]` field: no fixed statement is needed
                // because the owner is a local (or a field of one) in this frame.
                return DescribeReferencedStorage(context, bufferOwner, stores, depth + 1);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                // Since round 59: `byte* target = small ? v1 : v2` over stack blocks: stack memory on the way of either arm.
                return DescribeStackOrigin(context, conditional.WhenTrue, stores, depth + 1) ?? DescribeStackOrigin(context, whenFalse, stores, depth + 1);
            case ISwitchExpressionOperation choice:
                // Since round 59: `byte* target = format switch { V1 => v1, _ => v2 }`: any arm's stack memory.
                foreach (ISwitchExpressionArmOperation arm in choice.Arms)
                {
                    if (DescribeStackOrigin(context, arm.Value, stores, depth + 1) is { } chosen)
                    {
                        return chosen + " (an arm of a switch expression)";
                    }
                }

                return null;
            case IPropertyReferenceOperation { Instance: ILocalReferenceOperation holder, Property: { IsIndexer: false } member } when IsAddress(member.Type) && IsSetOnlyWhenMade(member):
                // send.Header of `PreparedSend send = new(socket, (nint)(&header), n)`: the value made here carries the address.
                if (stores.TryGetValue(holder.Local, out List<IOperation>? made))
                {
                    foreach (IOperation stored in made)
                    {
                        if (ValueGivenWhenMade(stored.WithoutConversions(), member) is { } given &&
                            DescribeStackOrigin(context, given, stores, depth + 1) is { } carried)
                        {
                            return carried + " carried in '" + holder.Local.Name + "." + member.Name + "'";
                        }
                    }
                }

                return null;
            case ILocalReferenceOperation reference:
                if (IsFixedLocal(reference.Local) && !PinsPinnedHeapField(context, reference.Local, stores))
                {
                    return "memory pinned only inside the fixed block of '" + reference.Local.Name + "'";
                }

                if (stores.TryGetValue(reference.Local, out List<IOperation>? values))
                {
                    foreach (IOperation stored in values)
                    {
                        string? origin = DescribeStackOrigin(context, stored, stores, depth + 1);
                        if (origin is not null)
                        {
                            return origin;
                        }
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>A property only a constructor, an object initializer or a <c>with</c> sets (get-only or <c>init</c>): what it was made with is what it holds.</summary>
    private static bool IsSetOnlyWhenMade(IPropertySymbol property) => property.SetMethod is null || property.SetMethod.IsInitOnly;

    /// <summary>
    /// The value a value made here gives the property: a positional record's parameter of the same name, a constructor
    /// parameter named like a get-only property (any case), an object initializer's or a <c>with</c>'s assignment.
    /// </summary>
    private static IOperation? ValueGivenWhenMade(IOperation made, IPropertySymbol member)
    {
        IObjectOrCollectionInitializerOperation? initializer = null;
        if (made is IObjectCreationOperation { Type: INamedTypeSymbol type } creation && SymbolEqualityComparer.Default.Equals(type, member.ContainingType))
        {
            foreach (IArgumentOperation argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter &&
                    (type.IsRecord ? parameter.Name == member.Name
                        : member.SetMethod is null && string.Equals(parameter.Name, member.Name, System.StringComparison.OrdinalIgnoreCase)))
                {
                    return argument.Value;
                }
            }

            initializer = creation.Initializer;
        }
        else if (made is IWithOperation copy)
        {
            initializer = copy.Initializer;
        }

        if (initializer is not null)
        {
            foreach (IOperation assignment in initializer.Initializers)
            {
                if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } set &&
                    SymbolEqualityComparer.Default.Equals(target.Property, member))
                {
                    return set.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the storage a reference (<c>ref x</c>) refers to is on the stack: a local or by-value parameter, a field of
    /// one, or what a ref local is bound to. A ref local bound to native memory (<c>ref Unsafe.AsRef&lt;T&gt;(pointer)</c>),
    /// an array element or anything not known to be the stack is not reported.
    /// </summary>
    private static string? DescribeReferencedStorage(CodeRootContext context, IOperation reference, Dictionary<ILocalSymbol, List<IOperation>> stores, int depth)
    {
        if (depth > MaxTraceDepth)
        {
            return null;
        }

        switch (reference.WithoutConversions())
        {
            case ILocalReferenceOperation { Local.RefKind: RefKind.None } local:
                return "the local '" + local.Local.Name + "'";
            case ILocalReferenceOperation local:
                // A ref local is what it is bound to: its initializer and any `x = ref y` (a plain `x = value` writes through it).
                if (stores.TryGetValue(local.Local, out List<IOperation>? bindings))
                {
                    foreach (IOperation bound in bindings)
                    {
                        if (bound.Parent is ISimpleAssignmentOperation { IsRef: false })
                        {
                            continue;
                        }

                        if (DescribeReferencedStorage(context, bound, stores, depth + 1) is { } origin)
                        {
                            return origin + " (through the ref local '" + local.Local.Name + "')";
                        }
                    }
                }

                return null;
            case IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter:
                return "the parameter '" + parameter.Parameter.Name + "'";
            case IFieldReferenceOperation { Field.IsStatic: false, Instance: { Type.IsValueType: true } owner }:
                return DescribeReferencedStorage(context, owner, stores, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "AsRef", TargetMethod.ContainingType.Name: "Unsafe", Arguments.Length: 1 } asRef
                when asRef.Arguments[0].Value.Type is IPointerTypeSymbol:
                return DescribeStackOrigin(context, asRef.Arguments[0].Value, stores, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "GetReference", TargetMethod.ContainingType.Name: "MemoryMarshal", Arguments.Length: 1 } getReference:
                return DescribeStackOrigin(context, getReference.Arguments[0].Value, stores, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "AsRef", TargetMethod.ContainingType.Name: "Unsafe", Arguments.Length: 1 } asRefOfReference
                when asRefOfReference.Arguments[0].Parameter?.RefKind is RefKind.In or RefKind.Ref or RefKind.RefReadOnlyParameter:
                // Since round 60: `Unsafe.AsRef(in control)` drops readonly from a reference: the same storage.
                return DescribeReferencedStorage(context, asRefOfReference.Arguments[0].Value, stores, depth + 1);
            case IInlineArrayAccessOperation element when element.Type is not null && !IsSpanType(element.Type):
                // Since round 60: `list.Vectors[0]` of an [InlineArray] value: an element of the value's own storage.
                return DescribeReferencedStorage(context, element.Instance, stores, depth + 1);
            default:
                return null;
        }
    }

    // The parameter of a call's target that gets the helper's own pointer parameter as it is (through conversions only).
    private static IParameterSymbol? HandsOnItself(IInvocationOperation call, IParameterSymbol own)
    {
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (!argument.IsImplicit && argument.Parameter is { } parameter && IsAddress(parameter.Type) &&
                argument.Value.WithoutConversions() is IParameterReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Parameter, own))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the pointer parameter, or memory made over it, is what the operation gets: an argument mentions it, or one of
    /// the helper's locals that hold memory made over it (<paramref name="madeOver"/>), and not only through a copy made on
    /// the spot. A value of an array or string type between the parameter and the operation's
    /// argument (<c>new ReadOnlySpan&lt;byte&gt;(value, sizeof(T)).ToArray()</c>, <c>BitConverter.GetBytes(*value)</c>) is a
    /// copy into managed memory the operation owns; the stack memory is done with before the operation starts.
    /// </summary>
    private static bool ReachesOperation(IOperation operation, IParameterSymbol parameter, HashSet<ILocalSymbol> madeOver)
    {
        foreach (IOperation node in operation.DescendantsAndSelf())
        {
            bool names = node switch
            {
                IParameterReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) &&
                    (parameter.RefKind == RefKind.None || IsAddress(parameter.Type) || AddressTakenOf(reference)),
                ILocalReferenceOperation local => madeOver.Contains(local.Local),
                _ => false,
            };
            if (names && !CopiedOnTheWay(node, operation))
            {
                return true;
            }
        }

        return false;

        static bool CopiedOnTheWay(IOperation reference, IOperation operation)
        {
            for (IOperation? current = reference.Parent; current is not null && current != operation; current = current.Parent)
            {
                if (current.Type is IArrayTypeSymbol || current.Type?.SpecialType == SpecialType.System_String)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The helper's locals that hold the parameter's memory under another name before the operation gets it: an address
    /// computed from it (<c>byte* at = data + 4</c>, <c>(nint)data</c>), a <c>MemoryManager</c> made over it (<c>var manager =
    /// new PointerMemory(data, n);</c> then <c>ring.SendAsync(fd, manager.Memory)</c>), or <c>Memory</c> taken from one, also
    /// through each other. Only locals of those types: a number read through the pointer, or an array or string copied out of
    /// it, is not the memory.
    /// </summary>
    private static HashSet<ILocalSymbol> LocalsMadeOver(IOperation body, IParameterSymbol parameter)
    {
        var stored = new List<(ILocalSymbol Local, IOperation Value)>();
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: not null } declarator when HoldsMemory(declarator.Symbol.Type):
                    stored.Add((declarator.Symbol, declarator.Initializer.Value));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when HoldsMemory(target.Local.Type):
                    stored.Add((target.Local, assignment.Value));
                    break;
            }
        }

        var madeOver = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach ((ILocalSymbol local, IOperation value) in stored)
            {
                if (!madeOver.Contains(local) && ReachesOperation(value, parameter, madeOver))
                {
                    madeOver.Add(local);
                    grew = true;
                }
            }
        }

        return madeOver;

        static bool HoldsMemory(ITypeSymbol type) =>
            IsAddress(type) || type.SpecialType == SpecialType.System_UIntPtr || IsMemoryManager(type) ||
            type is INamedTypeSymbol { MetadataName: "Memory`1" or "ReadOnlyMemory`1" } memory && SymbolNames.IsNamespace(memory.ContainingNamespace, "System");
    }

    /// <summary>
    /// Whether a reference to a <c>ref</c> parameter is taken as an address of its storage (round 60):
    /// <c>Unsafe.AsPointer(ref header)</c>, <c>MemoryMarshal.CreateSpan(ref header, 1)</c>, <c>new Span&lt;T&gt;(ref header)</c>.
    /// A value read through the reference (a field holding an array) is not the caller's storage.
    /// </summary>
    private static bool AddressTakenOf(IOperation reference)
    {
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: { } user } &&
            (user is IInvocationOperation { TargetMethod.Name: "AsPointer" or "CreateSpan" or "CreateReadOnlySpan", TargetMethod.ContainingType.Name: "Unsafe" or "MemoryMarshal" } ||
             user is IObjectCreationOperation { Arguments.Length: 1 } creation && IsSpanOverReference(creation));
    }

    private static bool Mentions(IOperation operation, IParameterSymbol parameter)
    {
        foreach (IOperation node in operation.DescendantsAndSelf())
        {
            if (node is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMemoryMaker(IMethodSymbol method) =>
        !method.DeclaringSyntaxReferences.IsEmpty &&
        method.ReturnType is INamedTypeSymbol { MetadataName: "Memory`1" or "ReadOnlyMemory`1" } returned &&
        SymbolNames.IsNamespace(returned.ContainingNamespace, "System");

    private static bool IsMemoryManager(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current is INamedTypeSymbol { MetadataName: "MemoryManager`1" } named && SymbolNames.IsNamespace(named.ContainingNamespace, "System.Buffers"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation ends before the frame or the pin does (ASYS1006 has its say on the blocking wait).</summary>
    private static bool IsWaitedOnTheSpot(IInvocationOperation call) => SynchronousWaits.IsWaitedOnTheSpot(call);

    /// <summary>
    /// Whether a <c>fixed</c> pointer points into an array that neither moves nor dies when the block ends: one held in a
    /// readonly field (static, or of the object the caller keeps) that is only ever set to an array allocated on the
    /// pinned object heap (<c>GC.AllocateArray(..., pinned: true)</c>, <c>GC.AllocateUninitializedArray(..., pinned: true)</c>).
    /// An ordinary array, or one held in a local or a field that may be replaced, can move or be collected in flight.
    /// </summary>
    private static bool PinsPinnedHeapField(CodeRootContext context, ILocalSymbol fixedLocal, Dictionary<ILocalSymbol, List<IOperation>> stores)
    {
        if (!stores.TryGetValue(fixedLocal, out List<IOperation>? values) || values.Count != 1)
        {
            return false;
        }

        // fixed (byte* p = s_header), fixed (byte* p = &s_header[0])
        IOperation pinned = values[0].WithoutConversions();
        while (pinned.Kind == OperationKind.None && pinned.ChildOperations.Count == 1)
        {
            // The compiler's "pin this array" node around the array.
            pinned = pinned.ChildOperations.First().WithoutConversions();
        }

        if (pinned is IAddressOfOperation { Reference: IArrayElementReferenceOperation element })
        {
            pinned = element.ArrayReference.WithoutConversions();
        }

        return pinned is IFieldReferenceOperation { Field: { IsReadOnly: true } field } && IsOnlyPinnedHeapArrays(context, field.OriginalDefinition);
    }

    // Every value the readonly field is given (its initializer, assignments in the constructors) is a pinned-heap array.
    private static bool IsOnlyPinnedHeapArrays(CodeRootContext context, IFieldSymbol field)
    {
        bool assigned = false;
        foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                if (!IsPinnedHeapArray(context, value))
                {
                    return false;
                }

                assigned = true;
            }
        }

        // A readonly field is set only in its initializer, the constructors (of the type, for a static one) and, for
        // an instance field, init accessors.
        var setters = new List<IMethodSymbol>(field.IsStatic ? field.ContainingType.StaticConstructors : field.ContainingType.InstanceConstructors);
        if (!field.IsStatic)
        {
            foreach (ISymbol member in field.ContainingType.GetMembers())
            {
                if (member is IPropertySymbol { SetMethod: { IsInitOnly: true } init })
                {
                    setters.Add(init);
                }
            }
        }

        foreach (IMethodSymbol setter in setters)
        {
            foreach (SyntaxReference reference in setter.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(context.CancellationToken);
                if (declaration is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
                {
                    // A primary constructor sets fields only through initializers, seen above.
                    continue;
                }

                foreach (SyntaxNode node in declaration.DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax assignment && AssignedName(assignment.Left) == field.Name)
                    {
                        if (!IsPinnedHeapArray(context, assignment.Right))
                        {
                            return false;
                        }

                        assigned = true;
                    }
                }
            }
        }

        return assigned;
    }

    private static string? AssignedName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: { } name } => name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsPinnedHeapArray(CodeRootContext context, ExpressionSyntax value)
    {
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        if (value is not InvocationExpressionSyntax ||
            context.ModelOf(value.SyntaxTree).GetOperation(value, context.CancellationToken) is not IInvocationOperation call ||
            call.TargetMethod.Name is not ("AllocateArray" or "AllocateUninitializedArray") ||
            call.TargetMethod.ContainingType is not { } gc || !SymbolNames.IsNamed(gc, "System", "GC"))
        {
            return false;
        }

        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter?.Name == "pinned")
            {
                return argument.Value.ConstantValue is { HasValue: true, Value: true };
            }
        }

        return false;
    }

    // `new Span<T>(ref T reference)` or its ReadOnlySpan<T> twin (`in`).
    private static bool IsSpanOverReference(IObjectCreationOperation creation) =>
        IsSpanType(creation.Type) && creation.Arguments[0].Parameter?.RefKind is RefKind.Ref or RefKind.In or RefKind.RefReadOnlyParameter;

    private static bool IsSpanType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    // A struct marked [InlineArray(n)] (C# 12): its elements are its own storage.
    private static bool IsInlineArray(ITypeSymbol? type) =>
        type is { TypeKind: TypeKind.Struct } && type.GetAttributes().Any(a => a.AttributeClass is { Name: "InlineArrayAttribute" });

    // `new Span<T>(void* pointer, int length)` or its ReadOnlySpan<T> twin.
    private static bool IsSpanOverPointer(IObjectCreationOperation creation) =>
        creation.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } &&
        creation.Arguments[0].Value.WithoutConversions().Type is IPointerTypeSymbol;

    private static bool IsFixedLocal(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.Any(r => r.GetSyntax().Parent?.Parent is FixedStatementSyntax);
}
