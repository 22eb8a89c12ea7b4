using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1006: the ValueTask of an asynchronous syscall (an IoRing op, a RingRequest submission, a generated
/// <c>XxxAsync</c>) is discarded, consumed twice, or its <c>Result</c> read before it completed.
/// </summary>
/// <remarks>
/// CA2012's rule, on by default for the AsyncSys APIs. A discarded operation still runs, so its error is
/// lost and its buffer stays in use at an unknown time. AsyncSys recycles the source behind each ValueTask:
/// a second await may see another operation's result, and <c>Result</c> before completion is not a wait.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncSyscallResultNotObservedAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1006";

    /// <summary>Property of the diagnostic: how the result was mishandled, for the code fix.</summary>
    internal const string KindProperty = "Kind";

    internal const string Discarded = "Discarded";
    internal const string ResultBeforeCompletion = "ResultBeforeCompletion";
    internal const string ConsumedTwice = "ConsumedTwice";
    internal const string NeverRead = "NeverRead";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Result of an asynchronous syscall is not observed",
        messageFormat: "The ValueTask of '{0}' is {1}; await it exactly once",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An asynchronous syscall's ValueTask carries its result and its error, and tells when the buffer is free again. Await it once: do not drop it, do not await it twice, and do not read Result before it completed.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <summary>Only an operation whose task is not awaited where it starts can be in flight past its call.</summary>
    private protected override bool IsCandidate(CodeRoot root) => root.HasAny(CodeFeatures.UnawaitedAsyncCall);

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        // Discarded, waited on, or stored and consumed later: a task returned or passed on is not this rule's to follow.
        // Put in a collection, or made a Task by a lambda: a deferred query over such tasks may consume them twice.
        // Kept in a member (`this._connect = ...`): the type's members may consume it twice.
        // Returned by a local function: its call starts the operation, and a call dropped as a statement drops it.
        if (TaskUses.HasUnawaitedAsyncSyscall(context, api, TaskUses.Handling.Discarded | TaskUses.Handling.WaitedOn | TaskUses.Handling.Stored | TaskUses.Handling.Collected | TaskUses.Handling.Kept) ||
            (TaskUses.HasUnawaitedAsyncSyscall(context, api, TaskUses.Handling.Returned) && HasLocalFunction(context)))
        {
            base.AnalyzeRoot(context, api);
        }
    }

    /// <summary>
    /// Up to four boolean locals the body gives a constant (<c>posted = true;</c>) and tests on their own (<c>if (posted)</c>):
    /// flags that may remember whether a task is still to be awaited (see <see cref="StoredTaskFlow.Flags"/>).
    /// </summary>
    private static List<ILocalSymbol>? FlagsOf(FunctionBody body)
    {
        var assigned = new List<ILocalSymbol>();
        var tested = new List<ILocalSymbol>();
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean } target, Value.ConstantValue.HasValue: true } &&
                !assigned.Exists(l => SymbolEqualityComparer.Default.Equals(l, target.Local)))
            {
                assigned.Add(target.Local);
            }
            else if (operation is IConditionalOperation { Condition: var condition })
            {
                while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                {
                    condition = not.Operand;
                }

                if (condition is ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean } flag)
                {
                    tested.Add(flag.Local);
                }
            }
        }

        List<ILocalSymbol>? flags = null;
        foreach (ILocalSymbol local in assigned)
        {
            if (tested.Exists(l => SymbolEqualityComparer.Default.Equals(l, local)) && (flags ??= new List<ILocalSymbol>()).Count < 4)
            {
                flags.Add(local);
            }
        }

        return flags;
    }

    private static bool HasLocalFunction(CodeRootContext context)
    {
        foreach (FunctionBody body in context.Bodies)
        {
            if (body.Symbol is { MethodKind: MethodKind.LocalFunction })
            {
                return true;
            }
        }

        return false;
    }

    private protected override void AnalyzeBody(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        List<ILocalSymbol>? stored = null;
        List<string>? operations = null;
        List<(ILocalSymbol Local, IOperation Value)>? queries = null;
        Dictionary<ILocalSymbol, string>? collected = null;
        HashSet<SyntaxNode>? droppedValues = null;
        Dictionary<ISymbol, string>? fields = null;
        Dictionary<IFieldSymbol, string>? filledFields = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator && DeferredTaskQueries.IsDeferredQuery(initial))
            {
                (queries ??= new()).Add((declarator.Symbol, initial));
                continue;
            }

            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation queryLocal, Value: var assigned } && DeferredTaskQueries.IsDeferredQuery(assigned))
            {
                (queries ??= new()).Add((queryLocal.Local, assigned));
                continue;
            }

            // `Reply(ring, socket, frame, ct);` with `static ValueTask<int> Reply(...) => ring.SendAsync(...)`: the local
            // function hands back the operation's task as its whole body, so the dropped call drops the operation (one level).
            if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } forwarding &&
                forwarding.Parent is IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation } &&
                TaskUses.ReturnedByLocalFunction(context, api, forwarding.TargetMethod) is { } forwarded)
            {
                Report(context, forwarding.Syntax, forwarded.TargetMethod.Name, Discarded,
                    "discarded: the local function '" + forwarding.TargetMethod.Name + "' hands it back and this call drops it");
                continue;
            }

            if (operation is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod))
            {
                continue;
            }

            if (DroppedDelegateResults.DroppedWrapper(call) is { } wrapper)
            {
                // await Task.Run(() => ring.SendAsync(...)); yields the send's ValueTask, and the statement drops it.
                Report(context, call.Syntax, call.TargetMethod.Name, Discarded,
                    "discarded: the lambda returns it to '" + wrapper.TargetMethod.Name + "', which hands it back unawaited, and that result is dropped (an async lambda that awaits it observes it)");
                continue;
            }

            if (DeferredTaskQueries.CollectedIn(call) is { } collection)
            {
                (collected ??= new(SymbolEqualityComparer.Default))[collection] = call.TargetMethod.Name;
            }

            // Added to a collection field: a member that copies the field to drain it holds these same tasks.
            if (TaskCollectionFields.FilledBy(call) is { } filled && (body.Symbol is null || SymbolEqualityComparer.Default.Equals(body.Symbol, context.Owner)))
            {
                (filledFields ??= new(SymbolEqualityComparer.Default))[filled] = call.TargetMethod.Name;
            }

            string name = call.TargetMethod.Name;
            if (call.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IExpressionStatementOperation } configured &&
                configured.Instance is { } instance && instance.WithoutConversions() == call)
            {
                // The configured awaitable is dropped: the await was forgotten.
                Report(context, call.Syntax, name, Discarded, "discarded");
                continue;
            }

            if (DroppedAsAWhole(call) is { } dropped)
            {
                // `_ = mode switch { A => ring.FsyncAsync(fd), ... };`, `_ring?.FsyncAsync(fd);`: the arm's or the
                // conditional call's task is the value dropped. Reported once, at that value (no fix: an await in an arm
                // would not compile).
                if ((droppedValues ??= new HashSet<SyntaxNode>()).Add(dropped.Syntax))
                {
                    Report(context, dropped.Syntax, name, Discarded, DroppedHow(dropped));
                }

                continue;
            }

            switch (call.Parent)
            {
                case IExpressionStatementOperation:
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    Report(context, call.Syntax, name, Discarded, "discarded");
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result" } result:
                    Report(context, result.Syntax, name, ResultBeforeCompletion, "read with .Result before it completed");
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } getResult }:
                    Report(context, getResult.Syntax, name, ResultBeforeCompletion, "read with GetResult() before it completed");
                    continue;
            }

            // Only the member's own code: a lambda that stores it runs at times the type-wide check cannot tell.
            if (ValueTaskFields.StoredIn(call) is { } field && (body.Symbol is null || SymbolEqualityComparer.Default.Equals(body.Symbol, context.Owner)))
            {
                (fields ??= new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default))[field] = name;
                continue;
            }

            ILocalSymbol? local = TaskUses.StoredIn(call);
            if (local is not null && NeverNamedAgain(local, call))
            {
                // `ValueTask write = ring.WriteAsync(...); await state.SetStateAsync(...);` and `write` never named again:
                // the task was kept to overlap the operation with other work and then forgotten, as good as dropped.
                Report(context, call.Syntax, name, NeverRead, "kept in '" + local.Name + "' and never awaited or read");
                continue;
            }

            if (local is not null && (stored ??= new List<ILocalSymbol>()).Count < 64 && !stored.Contains(local))
            {
                stored.Add(local);
                (operations ??= new List<string>()).Add(name);
            }
        }

        // A deferred query over those tasks, or one that starts operations, is followed like a stored task: each
        // enumeration is a consumption.
        ulong queryBits = 0;
        List<string>? queryMessages = null;
        if (queries is not null)
        {
            foreach ((ILocalSymbol local, IOperation value) in queries)
            {
                if (DeferredTaskQueries.Describe(value, api, collected) is not { } query || (stored ??= new List<ILocalSymbol>()).Count >= 64 || stored.Contains(local))
                {
                    continue;
                }

                stored.Add(local);
                (operations ??= new List<string>()).Add(query.Operation);
                queryMessages ??= new List<string>();
                while (queryMessages.Count < stored.Count - 1)
                {
                    queryMessages.Add("");
                }

                queryMessages.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, query.What, local.Name));
                queryBits |= 1UL << (stored.Count - 1);
            }
        }

        // A collection the function filled with operations' tasks: each LINQ call over it that consumes its elements
        // (`reads.Select(r => r.AsTask())` enumerated, `reads.Sum(r => r.Result)`) consumes every task once more.
        ulong collectionBits = 0;
        if (collected is not null)
        {
            foreach (KeyValuePair<ILocalSymbol, string> collection in collected)
            {
                if ((stored ??= new List<ILocalSymbol>()).Count >= 64 || stored.Contains(collection.Key))
                {
                    continue;
                }

                stored.Add(collection.Key);
                (operations ??= new List<string>()).Add(collection.Value);
                collectionBits |= 1UL << (stored.Count - 1);
            }
        }

        if (fields is not null)
        {
            // A field holding an operation's task: the type's other members may consume it too.
            var reported = new HashSet<SyntaxNode>();
            foreach (KeyValuePair<ISymbol, string> field in fields)
            {
                ValueTaskFields.ReportConsumedAgain(context, field.Key, field.Value, (node, what) =>
                {
                    if (reported.Add(node))
                    {
                        Report(context, node, field.Value, ConsumedTwice, what);
                    }
                });
            }
        }

        if (filledFields is not null)
        {
            foreach (KeyValuePair<IFieldSymbol, string> filled in filledFields)
            {
                FollowCopies(context, api, filled.Key, filled.Value);
            }
        }

        if (stored is null)
        {
            return;
        }

        ControlFlowGraph? graph = context.GraphOf(body);
        if (graph is not null)
        {
            ForwardFlow.Run(graph, new StoredTaskFlow(context, stored, operations!, queryBits, queryMessages, collectionBits, graph.OriginalOperation)
            {
                Copies = CopiesOf(body, stored),
                Flags = FlagsOf(body),
            });
        }
    }

    /// <summary>
    /// Whether the local the call's task is declared into (<c>ValueTask write = ring.WriteAsync(...)</c>) is never named again
    /// in the function: no read, await, copy, capture by a lambda or local function, or later assignment. By name, so any
    /// identifier spelled like the local (another variable, a member) counts as a use and keeps the rule quiet.
    /// </summary>
    private static bool NeverNamedAgain(ILocalSymbol local, IOperation call)
    {
        if (local.IsRef || local.IsUsing || local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator ||
            !initializer.Value.Span.Contains(call.Syntax.Span))
        {
            return false;
        }

        // The whole member (or top-level code): a lambda or local function anywhere in it may name the local.
        SyntaxNode scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)declarator.SyntaxTree.GetRoot();
        foreach (SyntaxNode node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Locals declared as a plain copy of a followed task local (<c>ValueTask&lt;int&gt; tracked = write;</c>) and given no
    /// other value anywhere in the body: the copy names the same operation, so consuming either consumes both.
    /// </summary>
    private static Dictionary<ILocalSymbol, ILocalSymbol>? CopiesOf(FunctionBody body, List<ILocalSymbol> stored)
    {
        Dictionary<ILocalSymbol, ILocalSymbol>? copies = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator &&
                initial.WithoutConversions() is ILocalReferenceOperation source &&
                SymbolEqualityComparer.Default.Equals(source.Local.Type, declarator.Symbol.Type) &&
                stored.Exists(s => SymbolEqualityComparer.Default.Equals(s, source.Local)) &&
                !stored.Exists(s => SymbolEqualityComparer.Default.Equals(s, declarator.Symbol)))
            {
                (copies ??= new Dictionary<ILocalSymbol, ILocalSymbol>(SymbolEqualityComparer.Default))[declarator.Symbol] = source.Local;
            }
        }

        if (copies is null)
        {
            return null;
        }

        // A copy given another value later may name another task from there on: not followed.
        foreach (IOperation operation in body.Operations)
        {
            ILocalSymbol? written = operation switch
            {
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (written is not null)
            {
                RemoveWritten(copies, written);
            }
            else if (operation is IDeconstructionAssignmentOperation deconstruction)
            {
                foreach ((ILocalSymbol local, IOperation _) in Deconstructions.Pairs(deconstruction))
                {
                    RemoveWritten(copies, local);
                }
            }
        }

        return copies.Count == 0 ? null : copies;
    }

    /// <summary>
    /// A local written after its declaration no longer names one operation: a copy of it given another value is not
    /// followed, and neither is a copy of it whose source is given another value (<c>ValueTask previous = pending; pending =
    /// default; await previous;</c>: the copy keeps the old operation while the source names the next one, which one flag
    /// per followed local cannot tell apart; round 59's double buffer).
    /// </summary>
    private static void RemoveWritten(Dictionary<ILocalSymbol, ILocalSymbol> copies, ILocalSymbol written)
    {
        copies.Remove(written);
        List<ILocalSymbol>? ofWritten = null;
        foreach (KeyValuePair<ILocalSymbol, ILocalSymbol> copy in copies)
        {
            if (SymbolEqualityComparer.Default.Equals(copy.Value, written))
            {
                (ofWritten ??= new List<ILocalSymbol>()).Add(copy.Key);
            }
        }

        if (ofWritten is not null)
        {
            foreach (ILocalSymbol copy in ofWritten)
            {
                copies.Remove(copy);
            }
        }
    }

    /// <summary>
    /// Per local holding an operation's task: on some path consumed, checked for completion, or branched on a completion
    /// check; on every path known completed (the branch where <c>IsCompleted</c> or <c>IsCompletedSuccessfully</c> was true).
    /// </summary>
    private readonly struct TaskFacts : System.IEquatable<TaskFacts>
    {
        public TaskFacts(ulong consumed, ulong @checked, ulong branched, ulong completed, ulong partly = 0, uint flagsMayBeTrue = 0, ulong consumedWhileTrue = 0)
        {
            Consumed = consumed;
            Checked = @checked;
            Branched = branched;
            Completed = completed;
            Partly = partly;
            FlagsMayBeTrue = flagsMayBeTrue;
            ConsumedWhileTrue = consumedWhileTrue;
        }

        /// <summary>The flags (see <see cref="StoredTaskFlow.Flags"/>) true on some path.</summary>
        public uint FlagsMayBeTrue { get; }

        /// <summary>
        /// Per flag (<see cref="StoredTaskFlow.TasksPerFlag"/> bits each), the tasks consumed on some path where that flag is
        /// true: on the flag's true side only those may have been consumed.
        /// </summary>
        public ulong ConsumedWhileTrue { get; }

        public TaskFacts WithFlags(uint flagsMayBeTrue, ulong consumedWhileTrue) =>
            new(Consumed, Checked, Branched, Completed, Partly, flagsMayBeTrue, consumedWhileTrue);

        public ulong Consumed { get; }

        public ulong Checked { get; }

        /// <summary>A completion check was the condition of a branch on some path.</summary>
        public ulong Branched { get; }

        /// <summary>Completed on every path: the check was true on each (joined by intersection).</summary>
        public ulong Completed { get; }

        /// <summary>A collection a running <c>for</c> loop consumes element by element: all of it once the loop ends.</summary>
        public ulong Partly { get; }

        public bool Equals(TaskFacts other) =>
            Consumed == other.Consumed && Checked == other.Checked && Branched == other.Branched && Completed == other.Completed && Partly == other.Partly &&
            FlagsMayBeTrue == other.FlagsMayBeTrue && ConsumedWhileTrue == other.ConsumedWhileTrue;

        public override bool Equals(object? obj) => obj is TaskFacts other && Equals(other);

        public override int GetHashCode() => (Consumed ^ (Checked << 1) ^ (Branched << 2) ^ (Completed << 3) ^ (Partly << 4) ^ ConsumedWhileTrue ^ FlagsMayBeTrue).GetHashCode();
    }

    /// <summary>
    /// Follows each local that holds an operation's task: a second consumption on any path (a loop's next
    /// iteration included) is reported, so is <c>Result</c> read where no path checked for completion, or where the code
    /// branched on a completion check and some path reaches the read with the check false
    /// (<c>if (!reply.IsCompleted) await Task.Yield();</c> waits for something else, not for the operation). A check kept
    /// in a flag first is not followed and counts as a check, as before. Consumptions in branches that cannot both run
    /// are one consumption.
    /// </summary>
    private sealed class StoredTaskFlow : IFlowRule<TaskFacts>
    {
        private readonly CodeRootContext _context;
        private readonly List<ILocalSymbol> _locals;
        private readonly List<string> _operations;
        private readonly HashSet<SyntaxNode> _reported = new();
        private readonly ulong _queries;
        private readonly List<string>? _queryMessages;
        private readonly ulong _collections;
        private Dictionary<IOperation, (IOperation Consumption, string How)?>? _elementConsumptions;

        // The function the flow runs over, and whether it checks some ValueTask other than a followed local for
        // completion (an element, a lambda's parameter, a foreach variable): computed the first time it is needed.
        private readonly IOperation _scope;
        private bool? _checksElements;

        // The for loops that consume a collection element by element, and those that refill one so, with the collections' bits.
        private Dictionary<SyntaxNode, ulong>? _loopsConsuming;
        private Dictionary<SyntaxNode, ulong>? _loopsRefilling;

        public StoredTaskFlow(CodeRootContext context, List<ILocalSymbol> locals, List<string> operations, ulong queries, List<string>? queryMessages, ulong collections, IOperation scope)
        {
            _scope = scope;
            _collections = collections;
            _context = context;
            _locals = locals;
            _operations = operations;
            _queries = queries;
            _queryMessages = queryMessages;
        }

        /// <summary>Locals that only ever hold a copy of a followed local: they stand for that local.</summary>
        public Dictionary<ILocalSymbol, ILocalSymbol>? Copies { get; init; }

        public TaskFacts Entry => default;

        /// <summary>
        /// Boolean locals the code sets to <c>true</c> or <c>false</c> to remember that a task is still to be awaited
        /// (<c>posted = true;</c> after the start, <c>posted = false;</c> before the await, <c>if (posted) await pending;</c>
        /// in a <c>finally</c>), up to four: on a flag's true side only the tasks consumed while it was true count as consumed.
        /// </summary>
        public List<ILocalSymbol>? Flags { get; init; }

        /// <summary>How many of the followed tasks (the first ones) each flag is correlated with.</summary>
        public const int TasksPerFlag = 16;

        private const ulong FlagTasks = (1UL << TasksPerFlag) - 1;

        public TaskFacts? Assume(IOperation condition, TaskFacts state, bool value)
        {
            TaskFacts? assumed = AssumeCore(condition, state, value);
            if (assumed is not TaskFacts after)
            {
                return null;
            }

            after = after.WithFlags(state.FlagsMayBeTrue, state.ConsumedWhileTrue);
            IOperation tested = condition;
            while (tested is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                tested = not.Operand;
                value = !value;
            }

            int flag = tested is ILocalReferenceOperation local && Flags is not null ? Flags.FindIndex(f => SymbolEqualityComparer.Default.Equals(f, local.Local)) : -1;
            if (flag < 0)
            {
                return after;
            }

            int shift = flag * TasksPerFlag;
            if (!value)
            {
                return after.WithFlags(after.FlagsMayBeTrue & ~(1U << flag), after.ConsumedWhileTrue & ~(FlagTasks << shift));
            }

            // The flag is true: of the tasks it is correlated with, only those consumed while it was true are consumed.
            ulong consumed = (after.Consumed & ~FlagTasks) | ((after.ConsumedWhileTrue >> shift) & FlagTasks);
            ulong whileTrue = 0;
            for (int f = 0; f < Flags!.Count; f++)
            {
                whileTrue |= after.ConsumedWhileTrue & ((consumed & FlagTasks) << (f * TasksPerFlag));
            }

            return new TaskFacts(consumed, after.Checked, after.Branched, after.Completed, after.Partly, after.FlagsMayBeTrue | (1U << flag), whileTrue);
        }

        private TaskFacts? AssumeCore(IOperation condition, TaskFacts state, bool value)
        {
            if (!value && condition.Syntax.Parent is ForStatementSyntax loop && loop.Condition == condition.Syntax)
            {
                // The loop ends: it has put a new task in every element it assigned one by one (also when it ran no
                // iteration: a loop over the same length then consumes none either), and consumed every element it
                // consumed one by one.
                ulong refilled = _loopsRefilling is not null && _loopsRefilling.TryGetValue(loop, out ulong r) ? r : 0;
                ulong finished = _loopsConsuming is not null && _loopsConsuming.TryGetValue(loop, out ulong c) ? c : 0;
                if (((state.Consumed | state.Partly) & refilled) != 0 || (state.Partly & finished) != 0)
                {
                    return new TaskFacts((state.Consumed & ~refilled) | (state.Partly & finished), state.Checked, state.Branched, state.Completed,
                        state.Partly & ~finished & ~refilled);
                }
            }

            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
                value = !value;
            }

            ILocalReferenceOperation? checkedTask = condition switch
            {
                IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } => local,
                IIsPatternOperation { Value: ILocalReferenceOperation local } => local,
                _ => null,
            };
            int index = checkedTask is not null && TaskUses.IsCompletionCheck(checkedTask) ? IndexOf(checkedTask.Local) : -1;
            if (index < 0)
            {
                return state;
            }

            // `is { IsCompleted: true }`, `is not { IsCompleted: true }`, `is { IsCompleted: false }`: what the pattern says about completion.
            bool saysCompleted = condition is IPropertyReferenceOperation;
            if (condition is IIsPatternOperation { Pattern: var pattern })
            {
                while (pattern is INegatedPatternOperation negated)
                {
                    pattern = negated.Pattern;
                    value = !value;
                }

                if (pattern is IRecursivePatternOperation { PropertySubpatterns.Length: 1 } recursive &&
                    recursive.PropertySubpatterns[0].Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool expected } })
                {
                    saysCompleted = true;
                    value = value == expected;
                }
            }

            ulong bit = 1UL << index;
            ulong completed = value && saysCompleted ? state.Completed | bit : state.Completed;
            return new TaskFacts(state.Consumed, state.Checked, state.Branched | bit, completed, state.Partly);
        }

        public TaskFacts Join(TaskFacts first, TaskFacts second) =>
            new(first.Consumed | second.Consumed, first.Checked | second.Checked, first.Branched | second.Branched, first.Completed & second.Completed, first.Partly | second.Partly,
                first.FlagsMayBeTrue | second.FlagsMayBeTrue, first.ConsumedWhileTrue | second.ConsumedWhileTrue);

        /// <summary>Its events (stores and references of a task) do not throw; an await after them does, once they happened.</summary>
        public bool TakesEffectWhenThrowing(IOperation operation) => true;

        public bool IsEvent(IOperation operation) =>
            operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IFlowCaptureReferenceOperation } or IDeconstructionAssignmentOperation ||
            (operation is IFlowCaptureOperation { Value: ILocalReferenceOperation captured } && IndexOf(captured.Local) >= 0) ||
            (operation is ILocalReferenceOperation reference && IndexOf(reference.Local) >= 0);

        // `next = more ? ring.ReadAsync(...) : ValueTask.FromResult(0);`: the graph captures the target local before the
        // value's branches and assigns to the capture at their end (round 59's read-ahead iterator).
        private readonly Dictionary<CaptureId, ILocalSymbol> _capturedTargets = new();

        public TaskFacts Apply(IOperation operation, TaskFacts state, bool report)
        {
            TaskFacts after = ApplyCore(operation, state, report);
            if (Flags is null || Flags.Count == 0)
            {
                return after;
            }

            uint mayBeTrue = state.FlagsMayBeTrue;
            ulong whileTrue = state.ConsumedWhileTrue;

            // A new task in a local: nothing of it consumed, with any flag.
            ulong forgotten = state.Consumed & ~after.Consumed & FlagTasks;
            ulong added = after.Consumed & ~state.Consumed & FlagTasks;
            for (int f = 0; f < Flags.Count; f++)
            {
                int shift = f * TasksPerFlag;
                whileTrue &= ~(forgotten << shift);
                if ((mayBeTrue & (1U << f)) != 0)
                {
                    whileTrue |= added << shift;
                }
            }

            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var assigned } &&
                Flags.FindIndex(f => SymbolEqualityComparer.Default.Equals(f, target.Local)) is int flag and >= 0)
            {
                int shift = flag * TasksPerFlag;
                if (assigned.ConstantValue is { HasValue: true, Value: false })
                {
                    mayBeTrue &= ~(1U << flag);
                    whileTrue &= ~(FlagTasks << shift);
                }
                else
                {
                    // True (or not known): every task consumed on some path may now be consumed with the flag true.
                    mayBeTrue |= 1U << flag;
                    whileTrue = (whileTrue & ~(FlagTasks << shift)) | ((after.Consumed & FlagTasks) << shift);
                }
            }

            return after.WithFlags(mayBeTrue, whileTrue);
        }

        private TaskFacts ApplyCore(IOperation operation, TaskFacts state, bool report)
        {
            if (operation is IFlowCaptureOperation { Value: ILocalReferenceOperation captured } capture)
            {
                if (captured.Syntax.Parent is AssignmentExpressionSyntax written && written.IsKind(SyntaxKind.SimpleAssignmentExpression) && written.Left == captured.Syntax)
                {
                    _capturedTargets[capture.Id] = captured.Local;
                }

                return state;
            }

            ILocalSymbol? assignedLocal = operation switch
            {
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                ISimpleAssignmentOperation { Target: IFlowCaptureReferenceOperation captureTarget } when _capturedTargets.TryGetValue(captureTarget.Id, out ILocalSymbol? local) => local,
                _ => null,
            };
            if (operation is ISimpleAssignmentOperation)
            {
                // The copy's declaration names the same task: nothing new.
                if (assignedLocal is null || (Copies is not null && Copies.ContainsKey(assignedLocal)))
                {
                    return state;
                }

                // A new task (or anything else) in the local: nothing of it is consumed or checked yet.
                return Forget(state, IndexOf(assignedLocal));
            }

            if (operation is IDeconstructionAssignmentOperation deconstruction)
            {
                // `(wal, index) = (ring.WriteAtMostAsync(...), ...)`: each local filled holds a new task.
                foreach ((ILocalSymbol local, IOperation _) in Deconstructions.Pairs(deconstruction))
                {
                    state = Forget(state, IndexOf(local));
                }

                return state;
            }

            var reference = (ILocalReferenceOperation)operation;
            int index = IndexOf(reference.Local);
            ulong bit = 1UL << index;
            if ((_queries & bit) != 0)
            {
                // A deferred query: each enumeration runs it over the operations' tasks again.
                IOperation? enumeration = DeferredTaskQueries.Enumeration(reference);
                if (enumeration is null)
                {
                    return state;
                }

                if (report && (state.Consumed & bit) != 0 && _reported.Add(enumeration.Syntax))
                {
                    Report(_context, enumeration.Syntax, _operations[index], ConsumedTwice, _queryMessages![index]);
                }

                return new TaskFacts(state.Consumed | bit, state.Checked, state.Branched, state.Completed, state.Partly);
            }

            if ((_collections & bit) != 0)
            {
                // New tasks put in (or the old ones cleared out): what was consumed of it is gone.
                if (DeferredTaskQueries.IsRefilled(reference))
                {
                    if (DeferredTaskQueries.IndexedLoopRefill(reference) is { } refilling)
                    {
                        _loopsRefilling ??= new Dictionary<SyntaxNode, ulong>();
                        _loopsRefilling[refilling] = (_loopsRefilling.TryGetValue(refilling, out ulong known) ? known : 0) | bit;
                    }

                    return new TaskFacts(state.Consumed & ~bit, state.Checked, state.Branched, state.Completed, state.Partly & ~bit);
                }

                // `for (int i = 0; i < reads.Length; i++) total += reads[i].Result;`: this iteration's element. Consumed
                // again when an earlier loop (or query) consumed them all; the next iteration's element is another one.
                if (DeferredTaskQueries.IndexedLoopConsumption(reference) is { } indexed)
                {
                    _loopsConsuming ??= new Dictionary<SyntaxNode, ulong>();
                    _loopsConsuming[indexed.Loop] = (_loopsConsuming.TryGetValue(indexed.Loop, out ulong known) ? known : 0) | bit;
                    if (report && (state.Consumed & bit) != 0 && _reported.Add(indexed.Consumption.Syntax))
                    {
                        Report(_context, indexed.Consumption.Syntax, _operations[index], ConsumedTwice,
                            "consumed again: " + indexed.How + " of each element of '" + reference.Local.Name + "' in this loop, and a path here already consumed them all");
                    }
                    else if (report && ReadBeforeCompletion(state, bit, indexed.Consumption) && _reported.Add(indexed.Consumption.Syntax))
                    {
                        Report(_context, indexed.Consumption.Syntax, _operations[index], ResultBeforeCompletion,
                            "read with .Result before it completed: no path here waited for the elements of '" + reference.Local.Name + "' or checked them for completion");
                    }

                    return new TaskFacts(state.Consumed, state.Checked, state.Branched, state.Completed, state.Partly | bit);
                }

                // Looked up once per reference: the fixed point replays the events, and the lookup reads the lambda's body.
                _elementConsumptions ??= new Dictionary<IOperation, (IOperation, string)?>();
                if (!_elementConsumptions.TryGetValue(reference, out (IOperation Consumption, string How)? found))
                {
                    found = DeferredTaskQueries.ElementConsumption(reference, _context.Bodies) ?? DeferredTaskQueries.LoopConsumption(reference, _context.Bodies);
                    _elementConsumptions[reference] = found;
                }

                if (found is not { } elements)
                {
                    return state;
                }

                if (report && (state.Consumed & bit) != 0 && _reported.Add(elements.Consumption.Syntax))
                {
                    Report(_context, elements.Consumption.Syntax, _operations[index], ConsumedTwice,
                        "consumed again: " + elements.How + " runs on each task of '" + reference.Local.Name + "', and a path here already consumed them all");
                }
                else if (report && ReadBeforeCompletion(state, bit, elements.Consumption) && _reported.Add(elements.Consumption.Syntax))
                {
                    Report(_context, elements.Consumption.Syntax, _operations[index], ResultBeforeCompletion,
                        "read with .Result before it completed: no path here waited for the tasks of '" + reference.Local.Name + "' or checked them for completion");
                }

                return new TaskFacts(state.Consumed | bit, state.Checked, state.Branched, state.Completed, state.Partly);
            }

            if (TaskUses.IsCompletionCheck(reference))
            {
                return new TaskFacts(state.Consumed, state.Checked | bit, state.Branched, state.Completed, state.Partly);
            }

            IOperation? consumption = TaskUses.Consumption(reference);
            if (consumption is null)
            {
                return state;
            }

            if (report && _reported.Add(consumption.Syntax))
            {
                string name = _operations[IndexOf(reference.Local)];
                if ((state.Consumed & bit) != 0)
                {
                    Report(_context, consumption.Syntax, name, ConsumedTwice, "consumed more than once (it was already consumed on a path that reaches here)");
                }
                else if (consumption is IPropertyReferenceOperation && ((state.Checked & bit) == 0 || ((state.Branched & bit) != 0 && (state.Completed & bit) == 0)))
                {
                    Report(_context, consumption.Syntax, name, ResultBeforeCompletion, "read with .Result before it completed");
                }
                else if (consumption is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } getResult } &&
                    reference.Local.Type is INamedTypeSymbol { Name: "ValueTask" } && (state.Checked & bit) == 0)
                {
                    // `send.GetAwaiter().GetResult()` on a ValueTask nothing waited for or checked: a ValueTask's result may
                    // only be taken once it completed (its source may be reused under it); AsTask() is the way to block.
                    Report(_context, getResult.Syntax, name, ResultBeforeCompletion, "read with GetResult() before it completed");
                }
            }

            return new TaskFacts(state.Consumed | bit, state.Checked, state.Branched, state.Completed, state.Partly);
        }

        private static TaskFacts Forget(TaskFacts state, int stored)
        {
            ulong kept = stored < 0 ? ulong.MaxValue : ~(1UL << stored);
            return new TaskFacts(state.Consumed & kept, state.Checked & kept, state.Branched & kept, state.Completed & kept, state.Partly & kept);
        }

        /// <summary>
        /// <c>.Result</c> of the elements of a collection of operations' tasks that no path consumed before (no await, no
        /// <c>AsTask()</c>) while the function checks no element for completion anywhere: the operations are still running.
        /// </summary>
        private bool ReadBeforeCompletion(TaskFacts state, ulong bit, IOperation consumption)
        {
            // Not Partly: that is this loop's earlier iterations, each of which read another element.
            if (consumption is not IPropertyReferenceOperation { Property.Name: "Result" } || (state.Consumed & bit) != 0)
            {
                return false;
            }

            _checksElements ??= ChecksOtherTasks();
            return !_checksElements.Value;
        }

        /// <summary>Whether the function asks some ValueTask other than a followed single local whether it completed.</summary>
        private bool ChecksOtherTasks()
        {
            foreach (IOperation operation in _scope.Descendants())
            {
                if (operation.Type is INamedTypeSymbol { Name: "ValueTask" } && TaskUses.IsCompletionCheck(operation) &&
                    !(operation is ILocalReferenceOperation local && IndexOf(local.Local) is int i && i >= 0 && ((_collections | _queries) & (1UL << i)) == 0))
                {
                    return true;
                }
            }

            return false;
        }

        private int IndexOf(ILocalSymbol local)
        {
            if (Copies is not null && Copies.TryGetValue(local, out ILocalSymbol? original))
            {
                local = original;
            }

            for (int i = 0; i < _locals.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(_locals[i], local))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>
    /// The switch expression, <c>?:</c> or null-conditional call whose value is the call's task (through its arms, the call
    /// after <c>?.</c> and conversions) when that whole value is a statement of its own or assigned to <c>_</c>; null when
    /// the call is not inside such a value, or the value is kept, returned or awaited.
    /// </summary>
    private static IOperation? DroppedAsAWhole(IInvocationOperation call)
    {
        IOperation operation = call;
        IOperation? wrapping = null;
        while (true)
        {
            switch (operation.Parent)
            {
                case IConversionOperation conversion:
                    operation = conversion;
                    continue;
                case IConditionalOperation conditional when conditional.Condition != operation:
                    operation = wrapping = conditional;
                    continue;
                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } arm when arm.Value == operation:
                    operation = wrapping = switchExpression;
                    continue;
                case IConditionalAccessOperation access when access.WhenNotNull == operation:
                    operation = wrapping = access;
                    continue;
            }

            break;
        }

        return wrapping is not null && operation.Parent is IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation }
            ? wrapping
            : null;
    }

    private static string DroppedHow(IOperation dropped) => dropped switch
    {
        IConditionalAccessOperation => "discarded: the null-conditional call's task is dropped when the call runs",
        ISwitchExpressionOperation => "discarded: the switch expression yields it and its value is dropped",
        _ => "discarded: the conditional expression yields it and its value is dropped",
    };

    /// <summary>
    /// Follows each copy of a collection field the type fills with operations' tasks (<c>var writes = _inFlight.ToArray();</c>)
    /// in the member that makes it, as a collection that member filled itself: a second consumption of its elements there
    /// is reported.
    /// </summary>
    private static void FollowCopies(CodeRootContext context, AsyncSysApi api, IFieldSymbol field, string operation)
    {
        foreach ((SyntaxNode member, ILocalSymbol copy) in TaskCollectionFields.Copies(context, field, context.Owner))
        {
            foreach (CodeRoot root in api.Index(context.Model.SyntaxTree).Roots)
            {
                if (!member.Span.Contains(root.Syntax.Span) || copy.DeclaringSyntaxReferences.Length == 0 ||
                    !root.Syntax.Span.Contains(copy.DeclaringSyntaxReferences[0].Span))
                {
                    continue;
                }

                CodeRootContext other = context.ForRoot(root);
                FunctionBody? innermost = null;
                foreach (FunctionBody candidate in other.Bodies)
                {
                    if (candidate.Root.Syntax.Span.Contains(copy.DeclaringSyntaxReferences[0].Span) &&
                        (innermost is null || innermost.Root.Syntax.Span.Contains(candidate.Root.Syntax.Span)))
                    {
                        innermost = candidate;
                    }
                }

                if (innermost is not null && other.GraphOf(innermost) is { } graph)
                {
                    ForwardFlow.Run(graph, new StoredTaskFlow(other, new List<ILocalSymbol> { copy }, new List<string> { operation }, 0, null, 1UL, graph.OriginalOperation));
                }
            }
        }
    }

    private static void Report(CodeRootContext context, SyntaxNode node, string method, string kind, string what) =>
        context.Report(Diagnostic.Create(
            Rule,
            node.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            method,
            what));
}
