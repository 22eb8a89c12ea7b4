using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1002: per-thread state (<c>[ThreadStatic]</c> fields, <c>ThreadLocal&lt;T&gt;.Value</c>,
/// <c>Thread.CurrentThread</c>, <c>Environment.CurrentManagedThreadId</c>) read on one thread and used on
/// another: across an await, or inside a wrapper that AsyncSys runs on a blocking worker.
/// </summary>
/// <remarks>
/// This is the "task_struct concurrency" of generic async syscalls: state that lives with the thread is
/// right only while the code stays on that thread. An await may resume elsewhere, and an offloaded wrapper
/// never runs on the caller's thread at all.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadAffineStateAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1002";

    private const string Title = "Per-thread state is used on another thread";
    private const string Description = "[ThreadStatic] fields, ThreadLocal<T>.Value, Thread.CurrentThread (and its ManagedThreadId), Environment.CurrentManagedThreadId, and helpers that return them belong to the thread that reads them. After an await the code may run on another thread, and an [AsyncSyscall] wrapper without a ring opcode runs on an AsyncSys worker thread. Pass the value in as an argument, or read it again where it is used. Only logging or formatting a captured thread id, or comparing it with the current thread on purpose, is not reported.";

    internal static readonly DiagnosticDescriptor AcrossAwaitRule = new(
        Id,
        Title,
        messageFormat: "{0} was read before {1} and is used after it, when this code may be running on another thread",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        Description,
        HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor OnWorkerRule = new(
        Id,
        Title,
        messageFormat: "{0} is read in '{1}', which AsyncSys runs on a blocking worker thread: it sees the worker's value, not the caller's",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        Description,
        HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor ResetAfterAwaitRule = new(
        Id,
        Title,
        messageFormat: "{0} was set before {1} and is reset after it, when this code may be running on another thread: that thread's value is reset and the first thread's stays set",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        Description,
        HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor ReadThroughHelperAfterAwaitRule = new(
        Id,
        Title,
        messageFormat: "{0} was set on this thread before the await on line {1} and '{2}' reads it after it, when this code may be running on another thread: it sees that thread's value",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        Description,
        HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(AcrossAwaitRule, OnWorkerRule, ResetAfterAwaitRule, ReadThroughHelperAfterAwaitRule, ReleasedAfterAwaitRule, ReadInCallbackRule);

    internal static readonly DiagnosticDescriptor ReadInCallbackRule = new(
        Id,
        Title,
        messageFormat: "{0} is read in a callback that {1} runs on another thread, but this code set it at line {2} on its own thread: the callback sees the value of the thread that runs it. Capture the value in a local before handing the callback over.",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor ReleasedAfterAwaitRule = new(
        Id,
        Title,
        messageFormat: "'{0}' releases '{1}', taken at line {2} on the thread that ran the code before the await at line {3}; after the await the code may run on another thread, which does not own the lock, so the release throws and the lock stays held. Use SemaphoreSlim.WaitAsync and Release, which no thread owns.",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    private protected override bool AppliesTo(AsyncSysApi api) => api.Thread is not null || api.Environment is not null;

    /// <summary>
    /// A name of per-thread state (or a <c>.Value</c>, which may be a ThreadLocal's) in code that awaits, or in a
    /// method declared as a syscall wrapper.
    /// </summary>
    private protected override bool IsCandidate(CodeRoot root) =>
        (root.HasAny(CodeFeatures.ThreadState | CodeFeatures.ValueAccess) &&
         (root.HasAny(CodeFeatures.WrapperDeclaration) || root.AwaitsInAsyncCode)) ||
        (root.HasAny(CodeFeatures.ThreadOwnedLock) && root.AwaitsInAsyncCode) ||
        root.HasAll(CodeFeatures.ThreadState | CodeFeatures.ThreadHop);

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        if (context.Root.HasAny(CodeFeatures.ThreadOwnedLock) && context.Root.AwaitsInAsyncCode)
        {
            foreach (FunctionBody body in context.Bodies)
            {
                if (body.IsAsync && body.AwaitPositions.Length > 0)
                {
                    ThreadOwnedLocks.Report(context, body, ReleasedAfterAwaitRule);
                }
            }

            if (!context.Root.HasAny(CodeFeatures.ThreadState | CodeFeatures.ValueAccess))
            {
                return;
            }
        }

        ThreadAffinity affinity = api.ThreadAffinity;
        if (context.Root.HasAll(CodeFeatures.ThreadState | CodeFeatures.ThreadHop))
        {
            ReportReadsInHandedOverCallbacks(context, affinity);
        }

        IMethodSymbol? offloadedWrapper = context.Root.HasAny(CodeFeatures.WrapperDeclaration) ? GetOffloadedWrapper(api, context.Owner) : null;
        bool acrossAwait = context.Root.HasAny(CodeFeatures.Await) && KeepsThreadState(context, api, affinity);
        bool throughHelpers = context.Root.HasAny(CodeFeatures.Await) && CallsStorageHelper(context, api, affinity);
        if (offloadedWrapper is null && !acrossAwait && !throughHelpers)
        {
            return;
        }

        foreach (FunctionBody body in context.Bodies)
        {
            if (offloadedWrapper is not null && body.Symbol is not null && SymbolEqualityComparer.Default.Equals(body.Symbol, offloadedWrapper))
            {
                ReportReadsOnWorker(context, affinity, body, offloadedWrapper);
            }
            else if (body.IsAsync && body.AwaitPositions.Length > 0)
            {
                if (acrossAwait)
                {
                    ReportUsesAcrossAwait(context, affinity, body);
                }

                if (throughHelpers)
                {
                    ReportHelperReadsAcrossAwait(context, affinity, body);
                }
            }
        }
    }

    /// <summary>
    /// Since round 48: per-thread storage this code sets on its own thread (<c>RequestContext.t_tenant = tenant;</c>) and a
    /// lambda it hands to another thread reads (a timer's callback, a thread-pool work item, <c>Task.Run</c>,
    /// <c>StartNew</c>, <c>ContinueWith</c>; <see cref="ThreadHops"/>): the callback runs on a thread whose storage holds
    /// that thread's value, not the one set here. Reported at the read in the callback; a value captured in a local
    /// before handing the callback over is not. One root: the set and the callback are written in the same member.
    /// </summary>
    private static void ReportReadsInHandedOverCallbacks(CodeRootContext context, ThreadAffinity affinity)
    {
        Dictionary<ISymbol, int>? sets = null;
        List<(FunctionBody Body, string Runner)>? callbacks = null;
        SyntaxNode root = context.Root.Syntax;
        foreach (FunctionBody body in context.Bodies)
        {
            SyntaxNode function = SyntaxFunctions.Enclosing(body.Root.Syntax, root);
            if (function == root && SyntaxFunctions.IsNested(body.Root.Syntax))
            {
                function = body.Root.Syntax;
            }

            if (function != root && ThreadHops.RunnerOf(function, context.Model, context.CancellationToken) is { } runner)
            {
                (callbacks ??= new List<(FunctionBody, string)>()).Add((body, runner));
                continue;
            }

            foreach (IOperation operation in body.Operations)
            {
                // Since round 54: an AsyncLocal set here (`CallContext.Tenant.Value = tenant;`), read in a callback handed
                // over while the flow of the execution context is suppressed (below).
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Value", Instance: IFieldReferenceOperation { Field: var asyncLocal } } valueSet } setAsyncLocal &&
                    IsAsyncLocal(valueSet.Property.ContainingType))
                {
                    sets ??= new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                    if (!sets.ContainsKey(asyncLocal))
                    {
                        sets[asyncLocal] = setAsyncLocal.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    }

                    continue;
                }

                if (operation is ISimpleAssignmentOperation assignment && StorageSet(affinity, assignment) is { } storage)
                {
                    sets ??= new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                    if (!sets.ContainsKey(storage))
                    {
                        sets[storage] = assignment.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    }
                }
            }
        }

        if (sets is null || callbacks is null)
        {
            return;
        }

        foreach ((FunctionBody body, string runner) in callbacks)
        {
            bool? suppressed = null;
            foreach (IOperation operation in body.Operations)
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "Value", Instance: IFieldReferenceOperation { Field: var asyncLocal } } value &&
                    IsAsyncLocal(value.Property.ContainingType) && sets.TryGetValue(asyncLocal, out int setAt) &&
                    !(operation.Parent is ISimpleAssignmentOperation assigned && assigned.Target == operation) &&
                    (suppressed ??= FlowSuppressedAround(body.Root.Syntax)))
                {
                    context.Report(Diagnostic.Create(ReadInCallbackRule, operation.Syntax.GetLocation(),
                        "AsyncLocal value '" + asyncLocal.Name + ".Value' (handed over under ExecutionContext.SuppressFlow, so the callback runs without this code's execution context)", runner, setAt));
                    break;
                }

                if (affinity.Storage(operation) is { } storage && sets.TryGetValue(storage, out int line) &&
                    !(operation.Parent is ISimpleAssignmentOperation written && written.Target == operation) &&
                    !(operation is IFieldReferenceOperation && operation.Parent is IPropertyReferenceOperation { Property.Name: "Value" }))
                {
                    string what = storage is IFieldSymbol field && affinity.IsThreadStatic(field) ? "[ThreadStatic] field '" + field.Name + "'" : "ThreadLocal value '" + storage.Name + ".Value'";
                    context.Report(Diagnostic.Create(ReadInCallbackRule, operation.Syntax.GetLocation(), what, runner, line));
                    break;
                }
            }
        }
    }

    private static bool IsAsyncLocal(INamedTypeSymbol type) =>
        type is { MetadataName: "AsyncLocal`1", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// Whether the callback is written where the flow of the execution context is suppressed: inside
    /// <c>using (ExecutionContext.SuppressFlow())</c>, after <c>using var _ = ExecutionContext.SuppressFlow();</c> in an
    /// enclosing block, or after a <c>SuppressFlow()</c> statement with no <c>RestoreFlow()</c> between. By the names, as written.
    /// </summary>
    private static bool FlowSuppressedAround(SyntaxNode callback)
    {
        for (SyntaxNode? node = callback; node is not null && node is not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is UsingStatementSyntax { Expression: { } resource } && IsSuppressFlow(resource))
            {
                return true;
            }

            if (node.Parent is BlockSyntax block && node is StatementSyntax statement)
            {
                bool suppressed = false;
                foreach (StatementSyntax before in block.Statements)
                {
                    if (before == statement)
                    {
                        break;
                    }

                    if (before is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } declaration)
                    {
                        foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
                        {
                            suppressed |= variable.Initializer is { } initializer && IsSuppressFlow(initializer.Value);
                        }
                    }
                    else if (before is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call })
                    {
                        string name = CalledName(call.Expression) ?? "";
                        suppressed = name == "SuppressFlow" || (suppressed && name != "RestoreFlow");
                    }
                }

                if (suppressed)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsSuppressFlow(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax call && CalledName(call.Expression) == "SuppressFlow";

    private static string? CalledName(ExpressionSyntax called) => called switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether the root calls a method of this compilation that sets or reads per-thread storage (binding only those calls).</summary>
    private static bool CallsStorageHelper(CodeRootContext context, AsyncSysApi api, ThreadAffinity affinity)
    {
        if (api.Names.ThreadStorageHelpers.Count == 0)
        {
            return false;
        }

        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & CodeFeatures.ThreadState) != 0 && mark.Name is { } name && api.Names.ThreadStorageHelpers.Contains(name.Identifier.ValueText) &&
                CodeIndex.CallOf(name) is { } call && context.SymbolOf(call) is IMethodSymbol method && affinity.StorageUseOf(method) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Per-thread storage set on this thread (by a helper of this compilation, <c>Ambient.Enter(transaction)</c>, or by the
    /// body itself) before an await, and read after it through a helper (<c>Ambient.MarkDurable(lsn)</c>, whose body reads
    /// <c>t_current</c>): after the await the code may run on another thread, whose storage holds something else. Set again
    /// after the await (on the thread the code resumed on), or reset, it is fresh. A helper that resets what it reads takes
    /// from a per-thread cache (<c>StringBuilderCache.Acquire</c>) and is not reported. One level: the helpers' own bodies.
    /// </summary>
    private static void ReportHelperReadsAcrossAwait(CodeRootContext context, ThreadAffinity affinity, FunctionBody body)
    {
        var storages = new List<ISymbol>();
        bool reads = false;
        HashSet<ISymbol>? setByHelpers = null;
        Dictionary<ISymbol, int>? firstNamed = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IInvocationOperation call && affinity.StorageUseOf(call.TargetMethod) is { } use)
            {
                foreach (ISymbol set in use.Sets)
                {
                    Track(storages, set);
                    (setByHelpers ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(set);
                }

                reads |= use.Reads.Count > 0;
            }
            else if (operation is ISimpleAssignmentOperation assignment && StorageSet(affinity, assignment) is { } storage)
            {
                Track(storages, storage);
            }

            if (affinity.Storage(operation) is { } named)
            {
                firstNamed ??= new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                if (!firstNamed.TryGetValue(named, out int first) || operation.Syntax.SpanStart < first)
                {
                    firstNamed[named] = operation.Syntax.SpanStart;
                }
            }
        }

        // Read by the body itself, where a helper of this compilation set it and the body names it nowhere before that
        // read (since round 55: a binding's `t_lastError`, set by its Compress, read after an await to explain a failure).
        // Named before the read too, the body's own use on both sides of the await is reported by the storage rule.
        HashSet<SyntaxNode>? directReads = null;
        if (setByHelpers is not null && firstNamed is not null)
        {
            foreach (IOperation operation in body.Operations)
            {
                if (affinity.Storage(operation) is { } read && setByHelpers.Contains(read) && firstNamed[read] == operation.Syntax.SpanStart && !IsWriteTarget(operation))
                {
                    (directReads ??= new HashSet<SyntaxNode>()).Add(operation.Syntax);
                    reads = true;
                }
            }
        }

        if (storages.Count == 0 || !reads || context.GraphOf(body) is not { } graph)
        {
            return;
        }

        var flow = new HelperReadsFlow(context, affinity, storages, directReads, context.Owner?.Name ?? "this code");
        ForwardFlow.Run(graph, flow);
    }

    private static bool IsWriteTarget(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation ||
        operation.Parent is IPropertyReferenceOperation { Parent: IAssignmentOperation valueAssignment } value && valueAssignment.Target == value;

    /// <summary>The per-thread storage an assignment gives a value of the caller's (not a fresh object, not a default), if any.</summary>
    private static ISymbol? StorageSet(ThreadAffinity affinity, ISimpleAssignmentOperation assignment)
    {
        IOperation target = assignment.Target is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } owner } ? owner : assignment.Target;
        IOperation given = assignment.Value.WithoutConversions();
        return affinity.Storage(target) is { } storage && !IsDefault(given) && !IsFresh(given) ? storage : null;
    }

    private static bool IsDefault(IOperation value) =>
        value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null or false or 0 };

    /// <summary>On some path: per-thread storage set on the current thread, and which of it an await has since left behind (bits of the tracked storage).</summary>
    private readonly struct SetStorage : System.IEquatable<SetStorage>
    {
        public SetStorage(ulong set, ulong stale, int awaitLine)
        {
            Set = set;
            Stale = stale;
            AwaitLine = awaitLine;
        }

        public ulong Set { get; }

        public ulong Stale { get; }

        /// <summary>The line of the last await that made storage stale (for the message).</summary>
        public int AwaitLine { get; }

        public bool Equals(SetStorage other) => Set == other.Set && Stale == other.Stale && AwaitLine == other.AwaitLine;

        public override bool Equals(object? obj) => obj is SetStorage other && Equals(other);

        public override int GetHashCode() => (Set ^ (Stale << 1)).GetHashCode() ^ AwaitLine;
    }

    private sealed class HelperReadsFlow : IFlowRule<SetStorage>
    {
        private readonly CodeRootContext _context;
        private readonly ThreadAffinity _affinity;
        private readonly List<ISymbol> _storages;
        private readonly HashSet<SyntaxNode> _reported = new();

        private readonly HashSet<SyntaxNode>? _directReads;
        private readonly string _owner;

        public HelperReadsFlow(CodeRootContext context, ThreadAffinity affinity, List<ISymbol> storages, HashSet<SyntaxNode>? directReads, string owner)
        {
            _context = context;
            _affinity = affinity;
            _storages = storages;
            _directReads = directReads;
            _owner = owner;
        }

        public SetStorage Entry => default;

        public SetStorage Join(SetStorage first, SetStorage second) =>
            new(first.Set | second.Set, first.Stale | second.Stale, System.Math.Max(first.AwaitLine, second.AwaitLine));

        public bool IsEvent(IOperation operation) =>
            operation is IInvocationOperation or ISimpleAssignmentOperation or IAwaitOperation ||
            (_directReads is not null && _directReads.Contains(operation.Syntax) && _affinity.Storage(operation) is not null);

        public bool TakesEffectWhenThrowing(IOperation operation) => true;

        public SetStorage? Assume(IOperation condition, SetStorage state, bool value) => state;

        public SetStorage Apply(IOperation operation, SetStorage state, bool report)
        {
            switch (operation)
            {
                case IAwaitOperation wait when state.Set != 0:
                    return new SetStorage(state.Set, state.Stale | state.Set, wait.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
                case ISimpleAssignmentOperation assignment:
                {
                    IOperation target = assignment.Target is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } owner } ? owner : assignment.Target;
                    ulong bit = _affinity.Storage(target) is { } storage ? BitOf(storage) : 0;
                    if (bit == 0)
                    {
                        return state;
                    }

                    // Set again or reset on the thread the code now runs on: fresh either way.
                    bool sets = StorageSet(_affinity, assignment) is not null;
                    return new SetStorage(sets ? state.Set | bit : state.Set & ~bit, state.Stale & ~bit, state.AwaitLine);
                }

                case IInvocationOperation call when _affinity.StorageUseOf(call.TargetMethod) is { } use:
                {
                    // A helper that also resets what it reads takes an object out of a per-thread cache (`var sb = t_cached;
                    // t_cached = null;`): whichever thread's it finds, or none, serves.
                    // A push onto a per-thread stack (round 47) saves whatever the running thread holds: not a read of what
                    // was set before the await either.
                    ulong read = BitsOf(use.Reads) & ~BitsOf(use.Resets) & ~BitsOf(use.Pushes);
                    if (report && (state.Stale & read) != 0 && _reported.Add(call.Syntax))
                    {
                        ISymbol stale = _storages[BitIndex(state.Stale & read)];
                        _context.Report(Diagnostic.Create(ReadThroughHelperAfterAwaitRule, call.Syntax.GetLocation(), Name(stale), state.AwaitLine, call.TargetMethod.Name));
                    }

                    ulong sets = BitsOf(use.Sets), resets = BitsOf(use.Resets);
                    return new SetStorage((state.Set | sets) & ~resets, state.Stale & ~(sets | resets), state.AwaitLine);
                }

                case var direct when _directReads is not null && _directReads.Contains(direct.Syntax) && _affinity.Storage(direct) is { } read:
                {
                    ulong bit = BitOf(read);
                    if (report && (state.Stale & bit) != 0 && _reported.Add(direct.Syntax))
                    {
                        _context.Report(Diagnostic.Create(ReadThroughHelperAfterAwaitRule, direct.Syntax.GetLocation(), Name(read), state.AwaitLine, _owner));
                    }

                    return state;
                }

                default:
                    return state;
            }
        }

        private string Name(ISymbol storage) =>
            storage is IFieldSymbol field && _affinity.IsThreadStatic(field) ? "[ThreadStatic] field '" + field.Name + "'" : "ThreadLocal value '" + storage.Name + ".Value'";

        private static int BitIndex(ulong bits)
        {
            int index = 0;
            while ((bits & 1) == 0)
            {
                bits >>= 1;
                index++;
            }

            return index;
        }

        private ulong BitOf(ISymbol storage)
        {
            int index = _storages.FindIndex(s => SymbolEqualityComparer.Default.Equals(s, storage));
            return index is >= 0 and < 64 ? 1UL << index : 0;
        }

        private ulong BitsOf(ImmutableHashSet<ISymbol> storages)
        {
            ulong bits = 0;
            foreach (ISymbol storage in storages)
            {
                bits |= BitOf(storage);
            }

            return bits;
        }
    }

    /// <summary>
    /// Whether the root stores per-thread state in a local or touches per-thread storage ([ThreadStatic] field,
    /// ThreadLocal field's Value): what the flow needs before an await can leave anything behind. Only the names
    /// the pre-filter matched are bound; a read that is used where it is made (<c>return n + Environment.CurrentManagedThreadId</c>)
    /// needs no flow.
    /// </summary>
    private static bool KeepsThreadState(CodeRootContext context, AsyncSysApi api, ThreadAffinity affinity)
    {
        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & (CodeFeatures.ThreadState | CodeFeatures.ValueAccess)) == 0 || mark.Name is not { } name)
            {
                continue;
            }

            bool value = (mark.Features & CodeFeatures.ValueAccess) != 0;

            ExpressionSyntax read = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (!value && !IsStoredInLocal(read) && !api.Names.ThreadStatics.Contains(name.Identifier.ValueText))
            {
                // Not a [ThreadStatic] field's name, not .Value, not stored: none of the checks below can hold, no need to bind.
                continue;
            }

            ISymbol? symbol = context.SymbolOf(read);
            if (symbol is IFieldSymbol field && affinity.IsThreadStatic(field))
            {
                return true;
            }

            if (value && read is MemberAccessExpressionSyntax owner && symbol is IPropertySymbol property &&
                api.Is(property.ContainingType, api.ThreadLocalOfT) && context.SymbolOf(owner.Expression) is IFieldSymbol)
            {
                return true;
            }

            if (IsStoredInLocal(read) && affinity.IsPerThread(symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a read is the value put into a variable (<c>var id = Environment.CurrentManagedThreadId</c>, <c>t =
    /// Thread.CurrentThread.ManagedThreadId</c>, <c>x = Helper()</c>, <c>x = t_cache ??= ...</c>), through
    /// parentheses, casts and the members of the thread it reads.
    /// </summary>
    private static bool IsStoredInLocal(ExpressionSyntax read)
    {
        SyntaxNode current = read;
        while (true)
        {
            SyntaxNode? parent = current.Parent;
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } when ((BinaryExpressionSyntax)parent).Left == current:
                case MemberAccessExpressionSyntax access when access.Expression == current:
                case InvocationExpressionSyntax call when call.Expression == current:
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } coalesce when coalesce.Left == current:
                // An arm of a ?: or switch expression, an operand of arithmetic: the local may hold the read or a stripe computed from it.
                case ConditionalExpressionSyntax conditional when conditional.Condition != current:
                case SwitchExpressionArmSyntax arm when arm.Expression == current:
                case SwitchExpressionSyntax switchExpression when switchExpression.GoverningExpression != current:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression or (int)SyntaxKind.SubtractExpression or (int)SyntaxKind.MultiplyExpression or
                    (int)SyntaxKind.DivideExpression or (int)SyntaxKind.ModuloExpression or (int)SyntaxKind.BitwiseAndExpression or (int)SyntaxKind.BitwiseOrExpression or
                    (int)SyntaxKind.ExclusiveOrExpression or (int)SyntaxKind.LeftShiftExpression or (int)SyntaxKind.RightShiftExpression or (int)SyntaxKind.UnsignedRightShiftExpression }:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression or (int)SyntaxKind.BitwiseNotExpression }:
                    current = parent;
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } }:
                    // new Ticket(Environment.CurrentManagedThreadId, path) kept in a local: the object carries the id.
                    current = creation;
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetOrAdd" or "AddOrUpdate" } } call } } key
                    when call.ArgumentList.Arguments[0] == key:
                    // _scratch.GetOrAdd(Environment.CurrentManagedThreadId, ...): the entry kept for this thread.
                    current = call;
                    continue;
                case ArgumentSyntax { Parent: BracketedArgumentListSyntax { Arguments.Count: 1, Parent: ElementAccessExpressionSyntax lookup } }:
                    current = lookup;
                    continue;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    // var (owner, started) = (Environment.CurrentManagedThreadId, ...), or a tuple kept whole.
                    current = tuple;
                    continue;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax }:
                    return true;
                case AssignmentExpressionSyntax assignment when assignment.Right == current:
                    return assignment.Left is IdentifierNameSyntax or DeclarationExpressionSyntax or TupleExpressionSyntax;
                default:
                    return false;
            }
        }
    }

    private static IMethodSymbol? GetOffloadedWrapper(AsyncSysApi api, ISymbol? owner)
    {
        if (owner is not IMethodSymbol method || api.AsyncSyscallAttribute is null)
        {
            return null;
        }

        AttributeData? attribute = api.GetAsyncSyscallAttribute(method);
        return attribute is not null && api.IsOffloaded(method, attribute) ? method : null;
    }

    private static void ReportReadsOnWorker(CodeRootContext context, ThreadAffinity affinity, FunctionBody body, IMethodSymbol wrapper)
    {
        HashSet<IFieldSymbol>? caches = null;
        foreach (IOperation operation in body.Operations)
        {
            // Made here with `??=` or `=`: the wrapper does not need any value another thread gave the field.
            if (operation is IAssignmentOperation { Target: IFieldReferenceOperation lazy } made and (ICoalesceAssignmentOperation or ISimpleAssignmentOperation) &&
                affinity.IsThreadStatic(lazy.Field) && IsFresh(made.Value) && IsPerThreadCache(lazy.Field, context))
            {
                (caches ??= new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default)).Add(lazy.Field);
            }
        }

        foreach (IOperation operation in body.Operations)
        {
            // A per-thread cache the wrapper makes for itself on first use: the worker's own is the one it needs.
            if (caches is not null && operation is IFieldReferenceOperation cached && caches.Contains(cached.Field))
            {
                continue;
            }

            // Thread.CurrentThread.Name is one read: report it where the thread is read.
            if (operation is IPropertyReferenceOperation { Instance: { } instance } && affinity.Describe(instance) is not null)
            {
                continue;
            }

            string? what = affinity.DescribeOnWorker(operation);
            if (what is not null && operation is not (IConversionOperation or ICoalesceAssignmentOperation))
            {
                context.Report(Diagnostic.Create(OnWorkerRule, operation.Syntax.GetLocation(), what, wrapper.Name));
            }
            else if (what is null && operation is IInvocationOperation call && !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, wrapper.OriginalDefinition) &&
                     affinity.StorageUseOf(call.TargetMethod) is { } use && ReadFor(use, context) is { } storage)
            {
                // A helper of this compilation that reads per-thread storage its caller set (`QuotaScope.Charge(n)` reading
                // t_quota): on the worker it reads the worker's. Not storage the helper sets itself first, nor a cache.
                string name = storage is IFieldSymbol field && affinity.IsThreadStatic(field) ? "[ThreadStatic] field '" + field.Name + "'" : "ThreadLocal value '" + storage.Name + ".Value'";
                context.Report(Diagnostic.Create(OnWorkerRule, call.Syntax.GetLocation(), name + " (through '" + call.TargetMethod.Name + "')", wrapper.Name));
            }
        }
    }

    /// <summary>Storage a helper reads that it does not set itself and that is no per-thread cache (<see cref="IsPerThreadCache"/>).</summary>
    private static ISymbol? ReadFor(StorageUse use, CodeRootContext context)
    {
        foreach (ISymbol storage in use.Reads)
        {
            if (!use.Sets.Contains(storage) && !(storage is IFieldSymbol field && field.Type is not INamedTypeSymbol { Name: "ThreadLocal" } && IsPerThreadCache(field, context)))
            {
                return storage;
            }
        }

        return null;
    }

    private static bool IsFresh(IOperation value) =>
        value.WithoutConversions() is IObjectCreationOperation or IArrayCreationOperation;

    /// <summary>
    /// A private <c>[ThreadStatic]</c> field that its type only ever sets to a fresh object, with <c>??=</c> or <c>=</c>
    /// (<c>t_scratch = new byte[n]</c> when the cached one is missing or too small): a per-thread cache (a scratch
    /// array, a builder) made on whichever thread uses it, never a value one thread chose for itself
    /// (<c>t_session = session</c>), so no caller's value is what a wrapper that makes it for itself expects.
    /// Decided on the syntax of the type's declarations: any other write of the name (<c>=</c> of anything but a
    /// fresh object, <c>ref</c>, <c>out</c>, a compound assignment) and it is state.
    /// </summary>
    private static bool IsPerThreadCache(IFieldSymbol field, CodeRootContext context)
    {
        if (field.DeclaredAccessibility != Accessibility.Private)
        {
            return false;
        }

        foreach (SyntaxReference part in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in part.GetSyntax(context.CancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax { Identifier.ValueText: var name } identifier || name != field.Name)
                {
                    continue;
                }

                SyntaxNode written = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                switch (written.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == written:
                        if (!assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ||
                            assignment.Right is not (BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax))
                        {
                            return false;
                        }

                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                    case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                        return false;
                }
            }
        }

        return true;
    }

    private static void ReportUsesAcrossAwait(CodeRootContext context, ThreadAffinity affinity, FunctionBody body)
    {
        // The pre-filter: locals given a per-thread value, and per-thread storage touched. Without either, nothing
        // read on this thread can be used on another.
        var items = new List<ISymbol>();
        var origins = new List<ISymbol>();
        var descriptions = new List<string>();
        var taintingStores = new HashSet<SyntaxNode>();
        var carriers = new Dictionary<int, ISymbol>();
        ulong computedFromId = 0, threadIds = 0;
        List<(ILocalSymbol Local, IOperation Value, SyntaxNode Store)>? computed = null;
        List<(ILocalSymbol Copy, ILocalSymbol Source)>? copies = null;
        HashSet<ISymbol> takenForValuesOnly = StorageTakenForValuesOnly(affinity, body);
        ulong capturedHeld = CapturedPerThreadLocals(context, affinity, body, items, origins, descriptions);
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IDeconstructionAssignmentOperation deconstruction)
            {
                // var (owner, started) = (Environment.CurrentManagedThreadId, ...): each local is given its own element.
                foreach ((ILocalSymbol target, IOperation element) in Deconstructions.Pairs(deconstruction))
                {
                    if (affinity.Describe(element) is { } read)
                    {
                        taintingStores.Add(element.Syntax);
                        if (Track(items, target))
                        {
                            origins.Add(target);
                            descriptions.Add("'" + target.Name + "' (" + read + ")");
                        }
                    }
                }

                continue;
            }

            (ILocalSymbol? local, IOperation? value, SyntaxNode? store) = operation switch
            {
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value, declarator.Syntax),
                IAssignmentOperation { Target: ILocalReferenceOperation target } assignment => ((ILocalSymbol?)target.Local, assignment.Value, assignment.Syntax),
                _ => (null, null, null),
            };
            if (local is not null && value is not null && operation is not ICompoundAssignmentOperation &&
                value.WithoutConversions() is ILocalReferenceOperation { Local: var copied } && !SymbolEqualityComparer.Default.Equals(copied, local))
            {
                // byte[] encoded = scratch: decided once the locals holding per-thread state are known.
                (copies ??= new()).Add((local, copied));
                continue;
            }

            if (local is not null && value is not null && IsNumberCopiedOutOfStorage(affinity, local, value) && !IsPutBack(affinity, body, local))
            {
                // int frame = GameThread.t_frame (since round 53): the local keeps the number the storage held when it was
                // read, on any thread; it is no thread's state. The storage itself stays tracked (read again after the
                // await, or restored there from the local, it is the other thread's).
                continue;
            }

            if (local is not null && value is not null && IsTakenOutOfStorage(affinity, body, store!, value))
            {
                // byte[] record = t_record ??= new byte[n]; t_record = null; (since round 62): the local takes the object out
                // of the per-thread cache, which no longer hands it to other code of this thread; after an await it is
                // still the object this code used, whichever thread runs it. The storage itself stays tracked.
                continue;
            }

            if (local is not null && value is not null && affinity.Describe(value) is { } what)
            {
                taintingStores.Add(store!);
                taintingStores.Add(value.Syntax);
                if (Track(items, local))
                {
                    ISymbol? storage = StorageBehind(affinity, value);
                    origins.Add(storage ?? local);
                    descriptions.Add("'" + local.Name + "' (" + what + ")");
                    if (ThreadValue.NamesThreadId(what))
                    {
                        threadIds |= 1UL << (items.Count - 1);
                    }
                }

                continue;
            }

            if (local is not null && value is not null && ThreadValue.Of(affinity, value, null) is { } flowing)
            {
                // int home = pinned ? Environment.CurrentManagedThreadId : -1; int stripe = (Environment.CurrentManagedThreadId & 15) * 16;
                Remember(local, value, store!, flowing);
                continue;
            }

            if (local is not null && value is not null && ThreadValue.MayDeriveFromLocal(value))
            {
                // int stripe = owner % 16: decided once the locals holding an id are known (the operations are not in source order).
                (computed ??= new()).Add((local!, value!, store!));
            }

            if (local is not null && value is not null && CarriedThreadValue(affinity, value) is { } carried)
            {
                // The object made here holds the value in a property: a read of that property is the value.
                taintingStores.Add(store!);
                taintingStores.Add(value.Syntax);
                if (Track(items, local))
                {
                    carriers[items.Count - 1] = carried.Member;
                    origins.Add(local);
                    descriptions.Add("'" + local.Name + "." + carried.Member.Name + "' (" + carried.What + ")");
                }

                continue;
            }

            ISymbol? touched = affinity.Storage(operation);
            if (touched is not null && !takenForValuesOnly.Contains(touched) && Track(items, touched))
            {
                origins.Add(touched);
                descriptions.Add(affinity.Describe(operation) ?? touched.Name);
            }
        }

        if (computed is not null && items.Count > 0)
        {
            foreach ((ILocalSymbol local, IOperation value, SyntaxNode store) in computed)
            {
                if (ThreadValue.Of(affinity, value, IsThreadIdLocal) is { } flowing)
                {
                    Remember(local, value, store, flowing);
                }
            }
        }

        if (copies is not null && items.Count > 0)
        {
            // A plain copy of a local holding per-thread state holds the same state (as a copy of it, where the flow says
            // the source holds it): one hazard with its source, reported at the first use of either. Copies of copies too.
            bool added = true;
            for (int round = 0; added && round < 4; round++)
            {
                added = false;
                foreach ((ILocalSymbol copy, ILocalSymbol source) in copies)
                {
                    int from = items.FindIndex(i => SymbolEqualityComparer.Default.Equals(i, source));
                    if (from >= 0 && (carriers.Count == 0 || !carriers.ContainsKey(from)) && (computedFromId & (1UL << from)) == 0 && Track(items, copy))
                    {
                        origins.Add(origins[from]);
                        descriptions.Add("'" + copy.Name + "', a copy of " + descriptions[from]);
                        if ((threadIds & (1UL << from)) != 0)
                        {
                            threadIds |= 1UL << (items.Count - 1);
                        }

                        added = true;
                    }
                }
            }
        }

        if (items.Count == 0)
        {
            return;
        }

        ControlFlowGraph? graph = context.GraphOf(body);
        if (graph is null)
        {
            return;
        }

        var flow = new AcrossAwaitFlow(affinity, items, taintingStores, carriers, computedFromId, body.Operations) { EntryHeld = capturedHeld };
        ForwardFlow.Run(graph, flow);

        // Once per hazard, at its first use: a [ThreadStatic] saved to a local and restored after the await is one hazard.
        // The first use is the first one the code reaches going on from the await, before any loop's back edge, in the
        // graph's order (blocks, then evaluation), not in source order: the hidden await of an `await foreach` precedes
        // its body, which ends after the loop's text. A use reached only through a back edge (the next iteration's, or
        // one in a branch the await's path does not take) counts only when there is none on the way on.
        var uses = new Dictionary<ISymbol, List<(IOperation Use, int Item, int Position)>>(SymbolEqualityComparer.Default);
        foreach ((IOperation use, int item, int position) in flow.StaleUses)
        {
            ISymbol origin = origins[item];
            if (!uses.TryGetValue(origin, out var ofOrigin))
            {
                uses[origin] = ofOrigin = new List<(IOperation, int, int)>();
            }

            ofOrigin.Add((use, item, position));
        }

        var first = new List<(IOperation Use, int Item)>();
        FlowOrder? order = null;
        foreach (List<(IOperation Use, int Item, int Position)> ofOrigin in uses.Values)
        {
            (IOperation Use, int Item, int Position) chosen = ofOrigin[0];
            if (ofOrigin.Count > 1)
            {
                order ??= new FlowOrder(graph);
                bool chosenOnTheWayOn = order.FollowsWithoutLooping(flow.AwaitOperation(chosen.Item), flow.AwaitPosition(chosen.Item), chosen.Use, chosen.Position);
                for (int i = 1; i < ofOrigin.Count; i++)
                {
                    (IOperation use, int item, int position) = ofOrigin[i];
                    bool onTheWayOn = order.FollowsWithoutLooping(flow.AwaitOperation(item), flow.AwaitPosition(item), use, position);
                    bool comesFirst = onTheWayOn != chosenOnTheWayOn
                        ? onTheWayOn
                        : onTheWayOn ? position < chosen.Position : ComesFirst(position, chosen.Position, flow.AwaitPosition(item));
                    if (comesFirst)
                    {
                        chosen = ofOrigin[i];
                        chosenOnTheWayOn = onTheWayOn;
                    }
                }
            }

            first.Add((chosen.Use, chosen.Item));
        }

        foreach ((IOperation use, int item) in first)
        {
            string awaitLine = flow.AwaitLine(item);
            DiagnosticDescriptor rule = flow.IsReset(use) ? ResetAfterAwaitRule : AcrossAwaitRule;
            context.Report(Diagnostic.Create(rule, use.Syntax.GetLocation(), descriptions[item], awaitLine));
        }

        void Remember(ILocalSymbol local, IOperation value, SyntaxNode store, ThreadValue flowing)
        {
            taintingStores.Add(store);
            taintingStores.Add(value.Syntax);
            if (Track(items, local))
            {
                origins.Add(local);
                descriptions.Add("'" + local.Name + "' (" + (flowing.Computed ? "computed from " : "") + flowing.What + ")");
                if (flowing.Computed)
                {
                    computedFromId |= 1UL << (items.Count - 1);
                }
                else if (ThreadValue.NamesThreadId(flowing.What))
                {
                    threadIds |= 1UL << (items.Count - 1);
                }
            }
        }

        // A local given the id itself (not a value computed from it, nor an object carrying it, nor another thread's state).
        bool IsThreadIdLocal(ILocalSymbol local)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if ((threadIds & (1UL << i)) != 0 && SymbolEqualityComparer.Default.Equals(items[i], local))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// In an async lambda or local function, the locals of the functions around it that it captures and that hold
    /// per-thread state there: every value the enclosing code gives them is a per-thread read (<c>FlushCounters counters =
    /// s_counters.Value!;</c>), and this function never assigns them. The function starts on the thread that made them
    /// (its code runs until the first await when it is called), so they are held at its entry and stale after its awaits.
    /// Returns the bits of the items it added.
    /// </summary>
    private static ulong CapturedPerThreadLocals(CodeRootContext context, ThreadAffinity affinity, FunctionBody body, List<ISymbol> items, List<ISymbol> origins, List<string> descriptions)
    {
        if (body.Symbol is not { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            return 0;
        }

        HashSet<ILocalSymbol>? captured = null;
        HashSet<ILocalSymbol>? assignedHere = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ILocalReferenceOperation reference && !SymbolEqualityComparer.Default.Equals(reference.Local.ContainingSymbol, body.Symbol))
            {
                (captured ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(reference.Local);
            }

            if (operation is IAssignmentOperation { Target: ILocalReferenceOperation target })
            {
                (assignedHere ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(target.Local);
            }
        }

        if (captured is null)
        {
            return 0;
        }

        ulong held = 0;
        foreach (ILocalSymbol local in captured)
        {
            if (assignedHere?.Contains(local) == true || local.ContainingSymbol is not IMethodSymbol declaring)
            {
                continue;
            }

            string? what = null;
            bool onlyPerThread = true;
            foreach (FunctionBody other in context.Bodies)
            {
                if (!SymbolEqualityComparer.Default.Equals(other.Symbol, declaring))
                {
                    continue;
                }

                foreach (IOperation operation in other.Operations)
                {
                    IOperation? value = operation switch
                    {
                        IVariableDeclaratorOperation { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => initializer.Value,
                        IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                        _ => null,
                    };
                    if (value is null)
                    {
                        continue;
                    }

                    if (operation is not ICompoundAssignmentOperation && affinity.Describe(value) is { } read)
                    {
                        what ??= read;
                    }
                    else
                    {
                        onlyPerThread = false;
                    }
                }
            }

            if (what is not null && onlyPerThread && Track(items, local))
            {
                origins.Add(local);
                descriptions.Add("'" + local.Name + "' (" + what + ", captured)");
                held |= 1UL << (items.Count - 1);
            }
        }

        return held;
    }

    /// <summary>
    /// The member of a value made here that receives a per-thread value, one level deep: a positional record's
    /// parameter (<c>new Ticket(Environment.CurrentManagedThreadId, path)</c> with <c>record Ticket(int ThreadId, string
    /// Path)</c>), a constructor parameter of a type with a get-only property of the same name (any case), an object
    /// initializer (<c>new Ticket { ThreadId = Environment.CurrentManagedThreadId }</c>), a <c>with</c> initializer
    /// (<c>template with { Owner = Thread.CurrentThread }</c>), or a tuple's element (<c>(Environment.CurrentManagedThreadId, path)</c>).
    /// </summary>
    private static (ISymbol Member, string What)? CarriedThreadValue(ThreadAffinity affinity, IOperation value)
    {
        switch (value.WithoutConversions())
        {
            case IObjectCreationOperation { Type: INamedTypeSymbol type } creation:
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (argument.Parameter is { } parameter && affinity.Describe(argument.Value) is { } what && PropertyFor(type, parameter) is { } property)
                    {
                        return (property, what);
                    }
                }

                return InitializedMember(affinity, creation.Initializer);
            case IWithOperation copy:
                return InitializedMember(affinity, copy.Initializer);
            case ITupleOperation { Type: INamedTypeSymbol { IsTupleType: true } tupleType } tuple:
                for (int i = 0; i < tuple.Elements.Length && i < tupleType.TupleElements.Length; i++)
                {
                    if (affinity.Describe(tuple.Elements[i]) is { } what)
                    {
                        return (tupleType.TupleElements[i], what);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static (ISymbol Member, string What)? InitializedMember(ThreadAffinity affinity, IObjectOrCollectionInitializerOperation? initializer)
    {
        if (initializer is null)
        {
            return null;
        }

        foreach (IOperation member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment &&
                affinity.Describe(assignment.Value) is { } what)
            {
                return (property, what);
            }
        }

        return null;
    }

    /// <summary>Whether a member read is the carrier: the same property, or a tuple's element at the same place under any name.</summary>
    private static bool IsCarrier(ISymbol member, ISymbol carrier) =>
        SymbolEqualityComparer.Default.Equals(member, carrier) ||
        (member is IFieldSymbol { ContainingType.IsTupleType: true } field && carrier is IFieldSymbol { ContainingType.IsTupleType: true } element &&
         (field.CorrespondingTupleField ?? field).Name == (element.CorrespondingTupleField ?? element).Name);

    private static IPropertySymbol? PropertyFor(INamedTypeSymbol type, IParameterSymbol parameter)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property)
            {
                continue;
            }

            // A record's positional parameter is its property's exact name; elsewhere a get-only property of that name.
            if (type.IsRecord ? property.Name == parameter.Name
                : property.SetMethod is null && string.Equals(property.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Positions in the graph's order: after the await first, then the earlier.</summary>
    private static bool ComesFirst(int use, int other, int awaitPosition)
    {
        bool afterAwait = use > awaitPosition, otherAfterAwait = other > awaitPosition;
        return afterAwait != otherAfterAwait ? afterAwait : use < other;
    }

    private static bool Track(List<ISymbol> items, ISymbol symbol)
    {
        if (items.Count >= 64)
        {
            return false;
        }

        foreach (ISymbol item in items)
        {
            if (SymbolEqualityComparer.Default.Equals(item, symbol))
            {
                return false;
            }
        }

        items.Add(symbol);
        return true;
    }

    /// <summary>
    /// Per-thread storage that the function only ever takes to compute a plain value on the spot
    /// (<c>s_random.Value!.Next(0, 50)</c>, <c>t_scratch.Length</c>): each take uses the object of the thread that runs it
    /// and keeps nothing of it, so a take after an await (the next iteration's) relies on nothing done before it. The
    /// number, string, enum or flag computed is the same value on any thread. A write, a call returning the object or
    /// nothing (<c>t_builder.Append(x)</c>, <c>t_list.Add(x)</c>: state filled for later), or the object kept or handed
    /// on (a local, an argument) keeps the storage tracked.
    /// </summary>
    private static HashSet<ISymbol> StorageTakenForValuesOnly(ThreadAffinity affinity, FunctionBody body)
    {
        var plain = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var other = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in body.Operations)
        {
            if (affinity.Storage(operation) is { } storage)
            {
                (IsTakenForValue(operation) ? plain : other).Add(storage);
            }
        }

        plain.ExceptWith(other);
        return plain;
    }

    // The object read from per-thread storage is the instance of one call or property whose result is a plain value.
    private static bool IsTakenForValue(IOperation touch)
    {
        IOperation current = touch;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Type is not { IsReferenceType: true } || current.Type.SpecialType == SpecialType.System_String)
        {
            // A number or flag kept in the storage itself: a read after the await may expect what was set before it.
            return false;
        }

        return current.Parent switch
        {
            IInvocationOperation { TargetMethod.ReturnsByRef: false, TargetMethod.ReturnsByRefReadonly: false } call when call.Instance == current =>
                AcrossAwaitFlow.IsPlainValue(call.Type) && (call.Type is not INamedTypeSymbol { Name: "Thread" }),
            IPropertyReferenceOperation { Property.ReturnsByRef: false, Property.ReturnsByRefReadonly: false } property when property.Instance == current =>
                AcrossAwaitFlow.IsPlainValue(property.Type) && property.Type is not INamedTypeSymbol { Name: "Thread" } &&
                !(property.Parent is IAssignmentOperation assignment && assignment.Target == property),
            _ => false,
        };
    }

    /// <summary>
    /// A number, flag, character or enum read straight out of a <c>[ThreadStatic]</c> field or a <c>ThreadLocal</c>'s value
    /// into a local: a copy, not the storage. Not a thread's identity (<c>Environment.CurrentManagedThreadId</c>, which is
    /// no storage), nor an object (which the local shares with the thread's storage).
    /// </summary>
    private static bool IsNumberCopiedOutOfStorage(ThreadAffinity affinity, ILocalSymbol local, IOperation value)
    {
        ITypeSymbol type = local.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        bool number = type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or
            SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
            SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
            SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;
        IOperation read = value.WithoutConversions();
        return number && read is IFieldReferenceOperation or IPropertyReferenceOperation && affinity.Storage(read) is not null;
    }

    /// <summary>
    /// Whether the statement that gives a local the object held in per-thread storage is followed at once, in the same
    /// block, by a statement that sets that storage to null or default (<c>var block = t_block; t_block = null;</c>):
    /// the local then owns the object.
    /// </summary>
    private static bool IsTakenOutOfStorage(ThreadAffinity affinity, FunctionBody body, SyntaxNode store, IOperation value)
    {
        if (value.Type is not { IsReferenceType: true } || StorageBehind(affinity, value) is not { } storage)
        {
            return false;
        }

        StatementSyntax? statement = store.FirstAncestorOrSelf<StatementSyntax>();
        if (statement?.Parent is not BlockSyntax block)
        {
            return false;
        }

        int index = block.Statements.IndexOf(statement);
        if (index < 0 || index + 1 >= block.Statements.Count ||
            block.Statements[index + 1] is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax next } ||
            !next.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return false;
        }

        foreach (IOperation operation in body.Operations)
        {
            if (operation is ISimpleAssignmentOperation { Target: var target, Value: var assigned } && operation.Syntax == next)
            {
                IOperation cleared = assigned.WithoutConversions();
                bool isDefault = cleared is IDefaultValueOperation || cleared.ConstantValue is { HasValue: true, Value: null };
                return isDefault && SymbolEqualityComparer.Default.Equals(affinity.Storage(target.WithoutConversions()), storage);
            }
        }

        return false;
    }

    /// <summary>Whether a value made from <paramref name="local"/> is stored into per-thread storage (<c>t_depth = saved;</c>, a restore).</summary>
    private static bool IsPutBack(ThreadAffinity affinity, FunctionBody body, ILocalSymbol local)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IAssignmentOperation { Target: var target, Value: var assigned } && affinity.Storage(target.WithoutConversions()) is not null)
            {
                foreach (IOperation part in assigned.DescendantsAndSelf())
                {
                    if (part is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static ISymbol? StorageBehind(ThreadAffinity affinity, IOperation value)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case ICoalesceAssignmentOperation coalesce:
                    value = coalesce.Target;
                    continue;
                default:
                    return affinity.Storage(value);
            }
        }
    }

    /// <summary>On some path: which items hold a value read on this thread, and which of those an await has since left behind.</summary>
    private readonly struct ThreadFacts : System.IEquatable<ThreadFacts>
    {
        public ThreadFacts(ulong held, ulong stale, ulong set)
        {
            Held = held;
            Stale = stale;
            Set = set;
        }

        public ulong Held { get; }

        public ulong Stale { get; }

        /// <summary>Per-thread storage last written with something other than its default (a flag set, a context installed).</summary>
        public ulong Set { get; }

        public bool Equals(ThreadFacts other) => Held == other.Held && Stale == other.Stale && Set == other.Set;

        public override bool Equals(object? obj) => obj is ThreadFacts other && Equals(other);

        public override int GetHashCode() => (Held ^ (Stale << 1) ^ (Set << 2)).GetHashCode();
    }

    private sealed class AcrossAwaitFlow : IFlowRule<ThreadFacts>
    {
        private readonly ThreadAffinity _affinity;
        private readonly List<ISymbol> _items;
        private readonly HashSet<SyntaxNode> _taintingStores;
        private readonly Dictionary<int, ISymbol> _carriers;
        private readonly ulong _computed;
        private readonly ImmutableArray<IOperation> _bodyOperations;
        private readonly SyntaxNode?[] _awaits;
        private readonly HashSet<IOperation> _resets = new();
        private readonly Dictionary<CaptureId, ILocalSymbol> _capturedTargets = new();
        private readonly int[] _awaitPositions;
        private readonly IOperation?[] _awaitOperations;

        /// <summary>How many events the reporting pass has seen: a position in the graph's order (blocks by ordinal, then evaluation).</summary>
        private int _position;

        public AcrossAwaitFlow(ThreadAffinity affinity, List<ISymbol> items, HashSet<SyntaxNode> taintingStores, Dictionary<int, ISymbol> carriers, ulong computed, ImmutableArray<IOperation> bodyOperations)
        {
            _computed = computed;
            _bodyOperations = bodyOperations;
            _affinity = affinity;
            _items = items;
            _taintingStores = taintingStores;
            _carriers = carriers;
            _awaits = new SyntaxNode?[items.Count];
            _awaitPositions = new int[items.Count];
            _awaitOperations = new IOperation?[items.Count];
            for (int i = 0; i < _awaitPositions.Length; i++)
            {
                _awaitPositions[i] = -1;
            }
        }

        /// <summary>Whether the use is per-thread storage set again after an await to undo what was set before it.</summary>
        public bool IsReset(IOperation use) => _resets.Contains(use);

        public List<(IOperation Use, int Item, int Position)> StaleUses { get; } = new();

        /// <summary>Items held when the function starts: per-thread locals of the code around it that it captures.</summary>
        public ulong EntryHeld { get; init; }

        public ThreadFacts Entry => new(EntryHeld, 0, 0);

        public ThreadFacts? Assume(IOperation condition, ThreadFacts state, bool value) => state;

        public ThreadFacts Join(ThreadFacts first, ThreadFacts second) => new(first.Held | second.Held, first.Stale | second.Stale, first.Set | second.Set);

        /// <summary>An await that throws has resumed, maybe on another thread.</summary>
        public bool TakesEffectWhenThrowing(IOperation operation) => true;

        public bool IsEvent(IOperation operation) => operation is
            IAwaitOperation or IFlowCaptureOperation { Value: ILocalReferenceOperation } or ISimpleAssignmentOperation or ICompoundAssignmentOperation or IDeconstructionAssignmentOperation or ILocalReferenceOperation or
            IFieldReferenceOperation or IPropertyReferenceOperation;

        /// <summary>The position of the first await, in the graph's order, passed with the item held (-1 when none).</summary>
        public int AwaitPosition(int item) => _awaitPositions[item];

        /// <summary>That await (or the compound assignment around it), from the graph; null when none.</summary>
        public IOperation? AwaitOperation(int item) => _awaitOperations[item];

        public string AwaitLine(int item) => _awaits[item] is { } node
            ? "the await on line " + (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "an await";

        public ThreadFacts Apply(IOperation operation, ThreadFacts state, bool report)
        {
            if (report)
            {
                _position++;
            }

            switch (operation)
            {
                case IAwaitOperation:
                    for (int i = 0; i < _items.Count; i++)
                    {
                        if ((state.Held & (1UL << i)) != 0 && (state.Stale & (1UL << i)) == 0)
                        {
                            _awaits[i] ??= operation.Syntax;
                        }

                        if (report && (state.Held & (1UL << i)) != 0 && _awaitPositions[i] < 0)
                        {
                            _awaitPositions[i] = _position;
                            _awaitOperations[i] = operation;
                        }
                    }

                    return new ThreadFacts(state.Held, state.Stale | state.Held, state.Set);

                case IDeconstructionAssignmentOperation deconstruction:
                {
                    ulong held = state.Held, stale = state.Stale;
                    foreach ((ILocalSymbol target, IOperation element) in Deconstructions.Pairs(deconstruction))
                    {
                        int item = IndexOf(target);
                        if (item >= 0)
                        {
                            ulong bit = 1UL << item;
                            held = _taintingStores.Contains(element.Syntax) ? held | bit : held & ~bit;
                            stale &= ~bit;
                        }
                    }

                    return new ThreadFacts(held, stale, state.Set);
                }

                case IFlowCaptureOperation { Value: ILocalReferenceOperation captured } capture when IsAssignmentTarget(captured):
                    // `copy = t_scratch ??= new byte[n];`: the graph captures the target local before the value's branches
                    // and assigns to the capture at the end.
                    _capturedTargets[capture.Id] = captured.Local;
                    return state;

                case IAssignmentOperation { Target: IFlowCaptureReferenceOperation reference } assignment
                    when _capturedTargets.TryGetValue(reference.Id, out ILocalSymbol? local):
                    return AssignLocal(state, local, assignment);

                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    return AssignLocal(state, target.Local, assignment);

                case ICompoundAssignmentOperation { Target: var target } compound when compound.Value.Syntax.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax):
                {
                    // t_bytes += await ReadAsync(...): the field is read before the await and written after it.
                    ISymbol? storage = _affinity.Storage(target);
                    int item = storage is null ? -1 : IndexOf(storage);
                    if (item >= 0 && report)
                    {
                        _awaits[item] ??= compound.Value.Syntax;
                        if (_awaitPositions[item] < 0)
                        {
                            _awaitPositions[item] = _position;
                            _awaitOperations[item] = compound;
                        }

                        StaleUses.Add((target, item, _position));
                    }

                    return state;
                }

                case ILocalReferenceOperation local:
                {
                    int item = IndexOf(local.Local);
                    if (item >= 0 && (state.Stale & (1UL << item)) != 0 && report && !IsAssignmentTarget(local))
                    {
                        if ((_computed & (1UL << item)) != 0)
                        {
                            // A stripe picked by the thread: only a plain read-modify-write of it counts on the thread.
                            if (ThreadValue.IsUnsynchronizedUpdateIndex(local))
                            {
                                StaleUses.Add((local, item, _position));
                            }
                        }
                        else if (!_carriers.TryGetValue(item, out ISymbol? carrier))
                        {
                            if (!IsOnlyObserved(local))
                            {
                                StaleUses.Add((local, item, _position));
                            }
                        }
                        else if (local.Parent is IMemberReferenceOperation member && member.Instance == local &&
                                 IsCarrier(member.Member, carrier) && !IsOnlyObserved(member))
                        {
                            // ticket.ThreadId, not ticket.Path, nor the ticket handed on whole.
                            StaleUses.Add((member, item, _position));
                        }
                    }

                    return state;
                }

                default:
                {
                    ISymbol? storage = _affinity.Storage(operation);
                    int item = storage is null ? -1 : IndexOf(storage);
                    if (item < 0)
                    {
                        return state;
                    }

                    ulong bit = 1UL << item;
                    if (IsReestablished(operation))
                    {
                        // Written, or filled in again with ??=, on the thread it now runs on: this thread's own value from here.
                        // A write that resets it (t_flushing = false) after an await that followed a write setting it
                        // (t_flushing = true) resets the thread it resumed on; the first thread's stays set.
                        ulong set = state.Set;
                        if (AssignedValue(operation) is { } assigned)
                        {
                            bool reset = IsDefaultValue(assigned);
                            if (reset && (state.Stale & state.Set & bit) != 0 && report)
                            {
                                _resets.Add(operation);
                                StaleUses.Add((operation, item, _position));
                            }

                            set = reset ? set & ~bit : set | bit;
                        }

                        return new ThreadFacts(state.Held | bit, state.Stale & ~bit, set);
                    }

                    if ((state.Stale & bit) != 0 && report)
                    {
                        StaleUses.Add((operation, item, _position));
                    }

                    return new ThreadFacts(state.Held | bit, state.Stale, state.Set);
                }
            }
        }

        private int IndexOf(ISymbol symbol)
        {
            for (int i = 0; i < _items.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(_items[i], symbol))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The value of a plain assignment to this storage (<c>t_flag = true</c>, <c>t_local.Value = null</c>); not <c>??=</c>.</summary>
        private static IOperation? AssignedValue(IOperation operation)
        {
            IOperation target = operation.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value ? value : operation;
            return target.Parent is ISimpleAssignmentOperation assignment && assignment.Target == target ? assignment.Value : null;
        }

        /// <summary><c>false</c>, <c>null</c>, <c>0</c>, <c>default</c>: the value that says "nothing set on this thread".</summary>
        private static bool IsDefaultValue(IOperation value)
        {
            value = value.WithoutConversions();
            if (value is IDefaultValueOperation)
            {
                return true;
            }

            return value.ConstantValue is { HasValue: true, Value: var constant } &&
                   (constant is null || constant is false || (constant is System.IConvertible number && constant is not string && constant is not char && System.Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture) == 0));
        }

        private ThreadFacts AssignLocal(ThreadFacts state, ILocalSymbol local, IAssignmentOperation assignment)
        {
            int item = IndexOf(local);
            if (item < 0)
            {
                return state;
            }

            ulong bit = 1UL << item;
            if (assignment is ISimpleAssignmentOperation && assignment.Value.WithoutConversions() is ILocalReferenceOperation copied &&
                IndexOf(copied.Local) is int source && source >= 0)
            {
                // A copy holds what its source holds, as stale as it is.
                ulong from = 1UL << source;
                return new ThreadFacts(
                    (state.Held & from) != 0 ? state.Held | bit : state.Held & ~bit,
                    (state.Stale & from) != 0 ? state.Stale | bit : state.Stale & ~bit,
                    state.Set);
            }

            bool tainting = _taintingStores.Contains(assignment.Syntax) || _taintingStores.Contains(assignment.Value.Syntax);
            if (assignment is ICompoundAssignmentOperation && !tainting)
            {
                return state;
            }

            return new ThreadFacts(tainting ? state.Held | bit : state.Held & ~bit, state.Stale & ~bit, state.Set);
        }

        private static bool IsAssignmentTarget(IOperation operation)
        {
            if (operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation)
            {
                return true;
            }

            // `encoded = t_scratch ??= new byte[n];`: a control flow graph captures the target before the value's branches,
            // so the reference's parent is that capture; the syntax still says it is the left of a plain `=`.
            if (operation.Parent is IFlowCaptureOperation && operation.Syntax.Parent is AssignmentExpressionSyntax written &&
                written.IsKind(SyntaxKind.SimpleAssignmentExpression) && written.Left == operation.Syntax)
            {
                return true;
            }

            // (owner, started) = (...): an element of a deconstruction's target is written, not read.
            IOperation current = operation;
            while (current.Parent is ITupleOperation or IDeclarationExpressionOperation)
            {
                current = current.Parent;
            }

            return current != operation && current.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == current;
        }

        private static bool IsReestablished(IOperation operation)
        {
            IOperation target = operation.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value ? value : operation;
            if (target.Parent is ISimpleAssignmentOperation assignment && assignment.Target == target)
            {
                return true;
            }

            // In the graph, t_buffer ??= new byte[64] is a null check on a capture of the field, then an assignment.
            return target.Syntax.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } coalesce &&
                   coalesce.Left == target.Syntax;
        }

        /// <summary>
        /// Whether a use of a captured thread identity only records it (formatting, logging) or compares it with
        /// another thread identity on purpose (<c>owner == Environment.CurrentManagedThreadId</c>, <c>Assert.Equal</c>):
        /// neither assumes the code still runs on the thread that read it.
        /// </summary>
        private bool IsOnlyObserved(IOperation use, int copies = 0)
        {
            if (use.Parent is IFlowCaptureOperation)
            {
                // The flow graph split the expression (thread?.Name, a ?? b): judge the use where the code wrote it.
                foreach (IOperation written in _bodyOperations)
                {
                    if (written.Syntax == use.Syntax && written.Kind == use.Kind)
                    {
                        use = written;
                        break;
                    }
                }
            }

            IOperation current = use;
            IOperation? parent = use.Parent;
            while (parent is IConversionOperation || (parent is IPropertyReferenceOperation { Instance: { } instance } member && instance == current && _affinity.Describe(member) is null && member.Property.ContainingType?.Name == "Thread") ||
                   (parent is IConditionalAccessOperation { WhenNotNull: IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } named } access &&
                    access.Operation == current && named.Property.ContainingType?.Name == "Thread"))
            {
                // thread.Name, thread?.Name: a member of the thread read where the thread is used.

                current = parent;
                parent = parent.Parent;
            }

            if (parent is IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation } array })
            {
                // logger.LogDebug("... {Thread}", path, before): an element of the params array (or of an array written
                // in place as the argument) reaches the call as that argument does, and is judged as given to it.
                current = array;
                parent = array.Parent;
            }

            switch (parent)
            {
                case IInterpolationOperation:
                    return true;
                case IIsPatternOperation { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol copy } } pattern when pattern.Value == current:
                    // before is var started && started != Environment.CurrentManagedThreadId: the copy names the same value.
                    return IsCopyOnlyObserved(copy, copies);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } copy } }:
                    return IsCopyOnlyObserved(copy, copies);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: { } copy } } assignment when assignment.Value == current:
                    // int started = before; as the flow graph writes a declaration.
                    return IsCopyOnlyObserved(copy, copies);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan or
                    BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison
                    when (comparison.LeftOperand == current ? comparison.RightOperand : comparison.LeftOperand).ConstantValue.HasValue:
                    // home >= 0, owner != -1: a test of a sentinel, true or false whichever thread runs it.
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return IsThreadIdentity(comparison.LeftOperand == current ? comparison.RightOperand : comparison.LeftOperand);
                case IInvocationOperation { TargetMethod.Name: "ToString" or "GetHashCode" } call when call.Instance == current:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Equals" } call when call.Instance == current:
                    return call.Arguments.Length == 1 && IsThreadIdentity(call.Arguments[0].Value);
                case IArgumentOperation { Parent: IInvocationOperation or IObjectCreationOperation } argument:
                    IOperation call2 = argument.Parent!;
                    IMethodSymbol? method = (call2 as IInvocationOperation)?.TargetMethod ?? (call2 as IObjectCreationOperation)?.Constructor;
                    if (method is null)
                    {
                        return false;
                    }

                    // A number, a string or a Thread given to a log or format call (Log, Write..., Append...) is recorded;
                    // an object of the thread's (a buffer, a builder) given to a method of the user's is used there,
                    // whatever its name (AppendNames(buffer, ...)): only the BCL's and logging's own writers just print it.
                    bool plain = IsPlainValue(use.Type);
                    if (plain ? IsLoggingOrFormatting(method) : IsLoggingType(method))
                    {
                        return true;
                    }

                    if (!plain)
                    {
                        return false;
                    }

                    ImmutableArray<IArgumentOperation> arguments = call2 is IInvocationOperation invocation ? invocation.Arguments : ((IObjectCreationOperation)call2).Arguments;
                    foreach (IArgumentOperation other in arguments)
                    {
                        if (other != argument && IsThreadIdentity(other.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether a value can only be recorded or compared, not shared: a number, flag, enum or string (a thread id and
        /// what is made from it), or the Thread itself. A per-thread buffer, builder or generator handed to any method
        /// (AppendNames(buffer, ...), WriteAsync(buffer)) is used there, whatever the method is called.
        /// </summary>
        internal static bool IsPlainValue(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type is not null &&
                   (type.SpecialType is not (SpecialType.None or SpecialType.System_Object) || type.TypeKind == TypeKind.Enum ||
                    (type is INamedTypeSymbol named && SymbolNames.IsNamed(named, "System.Threading", "Thread")));
        }

        /// <summary>Whether every read of a copy of the captured value only records it or compares it (copies of copies a few deep).</summary>
        private bool IsCopyOnlyObserved(ILocalSymbol copy, int copies)
        {
            if (copies >= 3)
            {
                return false;
            }

            foreach (IOperation operation in _bodyOperations)
            {
                if (operation is ILocalReferenceOperation { IsDeclaration: false } reference && SymbolEqualityComparer.Default.Equals(reference.Local, copy) &&
                    !IsAssignmentTarget(reference) && !IsOnlyObserved(reference, copies + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsThreadIdentity(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return _affinity.Describe(value) is not null || (value is ILocalReferenceOperation local && IndexOf(local.Local) >= 0);
        }

        private static bool IsLoggingType(IMethodSymbol method) =>
            method.ContainingType?.Name is "Console" or "Debug" or "Trace" or "String" or "StringBuilder" or "TextWriter" or "LoggerExtensions" or "ILogger";

        private static bool IsLoggingOrFormatting(IMethodSymbol method)
        {
            string name = method.Name;
            return IsLoggingType(method) ||
                   name.StartsWith("Log", System.StringComparison.Ordinal) || name.EndsWith("Log", System.StringComparison.Ordinal) ||
                   name.StartsWith("Write", System.StringComparison.Ordinal) || name.StartsWith("Trace", System.StringComparison.Ordinal) ||
                   name.StartsWith("Print", System.StringComparison.Ordinal) || name.StartsWith("Append", System.StringComparison.Ordinal) ||
                   name is "Format" or "Concat" or "Join";
        }
    }
}
