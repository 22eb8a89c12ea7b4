using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// What a rule tells the forward data flow: its facts at the function's entry, how two paths' facts meet, and
/// what one event (an operation the rule cares about, in evaluation order) does to them.
/// </summary>
/// <typeparam name="TState">The facts on one program point: immutable, compared by value.</typeparam>
internal interface IFlowRule<TState>
    where TState : struct, System.IEquatable<TState>
{
    /// <summary>The facts where the function starts.</summary>
    TState Entry { get; }

    /// <summary>The facts where two paths meet: what holds on either (a "may" analysis).</summary>
    TState Join(TState first, TState second);

    /// <summary>Whether the rule looks at this operation at all; decided once per graph.</summary>
    bool IsEvent(IOperation operation);

    /// <summary>The facts after <paramref name="operation"/>; reports only when <paramref name="report"/> is set (the last pass).</summary>
    TState Apply(IOperation operation, TState state, bool report);

    /// <summary>
    /// Whether an exception thrown by this event (a call, an await) reaches a handler with the event's effect already
    /// applied: a call may overwrite errno before it throws, an await that throws has resumed; an operation that throws
    /// from its call has not started.
    /// </summary>
    bool TakesEffectWhenThrowing(IOperation operation);

    /// <summary>
    /// The facts on the edge where <paramref name="condition"/> was <paramref name="value"/>, or null when no path
    /// can take it (a rule that follows flags such as <c>hasPending</c>); most rules return the state as is.
    /// </summary>
    TState? Assume(IOperation condition, TState state, bool value);
}

/// <summary>
/// A rule that narrows where code in a <c>try</c> may throw for its own facts (starting from <see cref="ThrowPoints"/>).
/// </summary>
internal interface IChoosesThrowPoints
{
    /// <summary>Whether an exception may leave from <paramref name="operation"/> to the handlers of its try.</summary>
    bool MayThrow(IOperation operation);
}

/// <summary>
/// A rule whose facts at some throw points depend on the handler the exception reaches: which exceptions leave from
/// there with which facts (a timed-out wait leaves its task running, and throws only a TimeoutException).
/// </summary>
internal interface IChoosesHandlerFacts<TState>
    where TState : struct, System.IEquatable<TState>
{
    /// <summary>Whether the facts an exception from <paramref name="operation"/> brings depend on its handler.</summary>
    bool ChoosesFor(IOperation operation);

    /// <summary>
    /// The facts an exception from <paramref name="operation"/> (facts <paramref name="state"/> there, before its effect)
    /// brings to <c>handlers[index]</c>, one of the catch and finally regions its try feeds, innermost first.
    /// </summary>
    TState ForHandler(IOperation operation, TState state, IReadOnlyList<ControlFlowRegion> handlers, int index);
}

/// <summary>
/// A forward "may" data flow over Roslyn's control flow graph: loops by their back edges, <c>catch</c> and
/// <c>finally</c> entered from every point of their <c>try</c> that may throw (a call, an object creation, an await, a
/// <c>throw</c>), the code after a <c>finally</c> seeing what the <c>finally</c> did to the facts of that way out,
/// branches that leave (a <c>return</c> in an <c>if</c>) simply not reaching what follows.
/// </summary>
/// <remarks>
/// Each block's events are listed once (post-order, so arguments come before their call and an await's operand
/// before the suspension); the fixed point then replays only those lists. A last pass replays every reachable
/// block with reporting on, so a rule reports from the facts that hold on all paths seen, never mid-iteration.
/// </remarks>
internal static class ForwardFlow
{
    // A guard against a rule whose facts never settle; a rule whose facts are bit sets settles long before.
    private const int MaxVisitsPerBlock = 64;

    public static void Run<TState>(ControlFlowGraph graph, IFlowRule<TState> rule)
        where TState : struct, System.IEquatable<TState>
    {
        ImmutableBlocks blocks = ImmutableBlocks.Create(graph, rule);
        int count = graph.Blocks.Length;
        var input = new TState?[count];
        var queued = new bool[count];
        var visits = new int[count];
        var work = new Queue<int>();

        input[0] = rule.Entry;
        work.Enqueue(0);
        queued[0] = true;

        while (work.Count > 0)
        {
            int ordinal = work.Dequeue();
            queued[ordinal] = false;
            if (++visits[ordinal] > MaxVisitsPerBlock)
            {
                return;
            }

            TState state = input[ordinal]!.Value;
            List<int> handlers = blocks.HandlersFedBy[ordinal];
            TState? seen = null;
            TState?[]? seenByHandler = null;
            List<IOperation> events = blocks.Events[ordinal];
            byte[]? kinds = blocks.KindsOf[ordinal];
            for (int i = 0; i < events.Count; i++)
            {
                IOperation operation = events[i];
                if (kinds is null)
                {
                    state = rule.Apply(operation, state, report: false);
                    continue;
                }

                // In a try: a handler sees the facts where something may throw, with or without that event's effect.
                byte kind = kinds[i];
                bool mayThrow = (kind & ImmutableBlocks.MayThrow) != 0;
                bool isEvent = (kind & ImmutableBlocks.RuleEvent) != 0;
                if (mayThrow && rule is IChoosesHandlerFacts<TState> chooser && chooser.ChoosesFor(operation))
                {
                    // Each handler gets the facts of the exceptions that reach it from here.
                    List<ControlFlowRegion> regions = blocks.HandlerRegionsFedBy[ordinal];
                    seenByHandler ??= new TState?[handlers.Count];
                    for (int h = 0; h < handlers.Count; h++)
                    {
                        TState facts = chooser.ForHandler(operation, state, regions, h);
                        seenByHandler[h] = seenByHandler[h] is TState before ? rule.Join(before, facts) : facts;
                    }

                    if (isEvent)
                    {
                        state = rule.Apply(operation, state, report: false);
                    }

                    continue;
                }

                if (mayThrow && (!isEvent || !rule.TakesEffectWhenThrowing(operation)))
                {
                    seen = seen is TState before ? rule.Join(before, state) : state;
                }

                if (isEvent)
                {
                    state = rule.Apply(operation, state, report: false);
                    if (mayThrow && rule.TakesEffectWhenThrowing(operation))
                    {
                        seen = seen is TState before ? rule.Join(before, state) : state;
                    }
                }
            }

            BasicBlock block = graph.Blocks[ordinal];
            if (kinds is not null && (block.FallThroughSuccessor?.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow ||
                (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling && EndsFinally(block))))
            {
                // The end of a finally on an exception's way out goes on to the outer handlers with what the finally left.
                // A `throw` (its value is the branch value, not an operation of its own) leaves with what holds at the end.
                seen = seen is TState before ? rule.Join(before, state) : state;
            }

            if (block.ConditionKind != ControlFlowConditionKind.None && block.BranchValue is { } condition)
            {
                // The conditional successor is taken when the branch value equals the condition kind.
                bool whenTaken = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                if (rule.Assume(condition, state, whenTaken) is TState taken)
                {
                    Flow(block.ConditionalSuccessor, taken);
                }

                if (rule.Assume(condition, state, !whenTaken) is TState notTaken)
                {
                    Flow(block.FallThroughSuccessor, notTaken);
                }
            }
            else
            {
                Flow(block.ConditionalSuccessor, state);
                Flow(block.FallThroughSuccessor, state);
            }

            // What may throw in a try: its handlers start from what held there.
            if (seen is TState thrown)
            {
                foreach (int handler in handlers)
                {
                    Merge(handler, thrown);
                }
            }

            if (seenByHandler is not null)
            {
                for (int h = 0; h < handlers.Count; h++)
                {
                    if (seenByHandler[h] is TState chosen)
                    {
                        Merge(handlers[h], chosen);
                    }
                }
            }
        }

        for (int ordinal = 0; ordinal < count; ordinal++)
        {
            if (input[ordinal] is not TState state)
            {
                continue;
            }

            List<IOperation> events = blocks.Events[ordinal];
            byte[]? kinds = blocks.KindsOf[ordinal];
            for (int i = 0; i < events.Count; i++)
            {
                if (kinds is null || (kinds[i] & ImmutableBlocks.RuleEvent) != 0)
                {
                    state = rule.Apply(events[i], state, report: true);
                }
            }
        }

        void Flow(ControlFlowBranch? branch, TState state)
        {
            if (branch?.Destination is not BasicBlock destination)
            {
                return;
            }

            // Leaving a try through its finally: what follows sees what the finally did to the facts of this way out
            // (not what it did on the exceptions' paths, which leave by throwing again).
            foreach (ControlFlowRegion finallyRegion in branch.FinallyRegions)
            {
                Merge(finallyRegion.FirstBlockOrdinal, state);
                state = Through(finallyRegion, state);
            }

            Merge(destination.Ordinal, state);
        }

        // The facts a finally leaves for one way out, replayed over its own blocks from that way's facts.
        TState Through(ControlFlowRegion region, TState entry)
        {
            int first = region.FirstBlockOrdinal, size = region.LastBlockOrdinal - first + 1;
            var regionInput = new TState?[size];
            var pending = new Queue<int>();
            regionInput[0] = entry;
            pending.Enqueue(first);
            TState? exit = null;
            int steps = 0;
            while (pending.Count > 0 && ++steps <= size * MaxVisitsPerBlock)
            {
                int ordinal = pending.Dequeue();
                TState facts = regionInput[ordinal - first]!.Value;
                List<IOperation> events = blocks.Events[ordinal];
                byte[]? kinds = blocks.KindsOf[ordinal];
                for (int i = 0; i < events.Count; i++)
                {
                    if (kinds is null || (kinds[i] & ImmutableBlocks.RuleEvent) != 0)
                    {
                        facts = rule.Apply(events[i], facts, report: false);
                    }
                }

                BasicBlock block = graph.Blocks[ordinal];
                if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                {
                    exit = exit is TState before ? rule.Join(before, facts) : facts;
                    continue;
                }

                Within(block.ConditionalSuccessor, facts);
                Within(block.FallThroughSuccessor, facts);
            }

            return exit ?? entry;

            void Within(ControlFlowBranch? branch, TState facts)
            {
                if (branch?.Destination is not BasicBlock destination || destination.Ordinal < first || destination.Ordinal > region.LastBlockOrdinal)
                {
                    return;
                }

                int index = destination.Ordinal - first;
                TState merged = regionInput[index] is TState previous ? rule.Join(previous, facts) : facts;
                if (regionInput[index] is TState old && old.Equals(merged))
                {
                    return;
                }

                regionInput[index] = merged;
                pending.Enqueue(destination.Ordinal);
            }
        }

        void Merge(int ordinal, TState state)
        {
            TState merged = input[ordinal] is TState previous ? rule.Join(previous, state) : state;
            if (input[ordinal] is TState old && old.Equals(merged))
            {
                return;
            }

            input[ordinal] = merged;
            if (!queued[ordinal])
            {
                queued[ordinal] = true;
                work.Enqueue(ordinal);
            }
        }
    }

    /// <summary>Whether the block is the end of a finally (its way back to the exception, or to the code after the try).</summary>
    private static bool EndsFinally(BasicBlock block)
    {
        for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Finally)
            {
                return true;
            }

            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Try)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The per-graph lists the fixed point replays: each block's events and the handlers its exceptions reach.</summary>
    private sealed class ImmutableBlocks
    {
        /// <summary>In <see cref="KindsOf"/>: the rule looks at the operation.</summary>
        public const byte RuleEvent = 1;

        /// <summary>In <see cref="KindsOf"/>: the operation may throw (see <see cref="ThrowPoints"/>).</summary>
        public const byte MayThrow = 2;

        private ImmutableBlocks(List<IOperation>[] events, byte[]?[] kinds, List<int>[] handlers, List<ControlFlowRegion>[] handlerRegions)
        {
            Events = events;
            KindsOf = kinds;
            HandlersFedBy = handlers;
            HandlerRegionsFedBy = handlerRegions;
        }

        /// <summary>Per block, in evaluation order: the rule's events, and in a try also the operations that may throw.</summary>
        public List<IOperation>[] Events { get; }

        /// <summary>Per block in a try, what each of <see cref="Events"/> is (<see cref="RuleEvent"/>, <see cref="MayThrow"/>); null elsewhere.</summary>
        public byte[]?[] KindsOf { get; }

        public List<int>[] HandlersFedBy { get; }

        /// <summary>Per block, the regions of <see cref="HandlersFedBy"/> (catch, filter and handler, finally), in the same order.</summary>
        public List<ControlFlowRegion>[] HandlerRegionsFedBy { get; }

        public static ImmutableBlocks Create<TState>(ControlFlowGraph graph, IFlowRule<TState> rule)
            where TState : struct, System.IEquatable<TState>
        {
            int count = graph.Blocks.Length;
            var events = new List<IOperation>[count];
            var kinds = new byte[]?[count];
            var handlers = new List<int>[count];
            var handlerRegions = new List<ControlFlowRegion>[count];
            var stack = new Stack<(IOperation Operation, bool Expanded)>();
            List<byte>? kindList = null;
            for (int i = 0; i < count; i++)
            {
                BasicBlock block = graph.Blocks[i];
                handlerRegions[i] = new List<ControlFlowRegion>();
                handlers[i] = HandlersOf(block, handlerRegions[i]);
                List<byte>? blockKinds = null;
                if (handlers[i].Count > 0)
                {
                    blockKinds = kindList ??= new List<byte>();
                    blockKinds.Clear();
                }

                var list = new List<IOperation>();
                foreach (IOperation operation in block.Operations)
                {
                    PostOrder(operation, rule, list, blockKinds, stack);
                }

                if (block.BranchValue is not null)
                {
                    PostOrder(block.BranchValue, rule, list, blockKinds, stack);
                }

                events[i] = list;
                kinds[i] = blockKinds?.ToArray();
            }

            return new ImmutableBlocks(events, kinds, handlers, handlerRegions);
        }

        private static List<int> HandlersOf(BasicBlock block, List<ControlFlowRegion> regions)
        {
            var handlers = new List<int>();
            for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } owner)
                {
                    continue;
                }

                bool hasFinally = false;
                foreach (ControlFlowRegion sibling in owner.NestedRegions)
                {
                    if (sibling.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally)
                    {
                        handlers.Add(sibling.FirstBlockOrdinal);
                        regions.Add(sibling);
                        hasFinally |= sibling.Kind == ControlFlowRegionKind.Finally;
                    }
                }

                // An exception passes through this finally before any outer handler: those see what the finally leaves
                // (its end feeds them, see Run), not the facts where it was thrown.
                if (hasFinally)
                {
                    break;
                }
            }

            return handlers;
        }

        // Children before their parent: the evaluation order of an expression, near enough for these rules.
        private static void PostOrder<TState>(IOperation root, IFlowRule<TState> rule, List<IOperation> into, List<byte>? kinds, Stack<(IOperation, bool)> stack)
            where TState : struct, System.IEquatable<TState>
        {
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                (IOperation operation, bool expanded) = stack.Pop();
                if (expanded)
                {
                    byte kind = rule.IsEvent(operation) ? RuleEvent : (byte)0;
                    if (kinds is not null && (rule is IChoosesThrowPoints chooses ? chooses.MayThrow(operation) : ThrowPoints.MayThrow(operation)))
                    {
                        kind |= MayThrow;
                    }

                    if (kind != 0)
                    {
                        into.Add(operation);
                        kinds?.Add(kind);
                    }

                    continue;
                }

                stack.Push((operation, true));

                // A lambda runs at another time: it has a graph of its own.
                if (operation is IFlowAnonymousFunctionOperation)
                {
                    continue;
                }

                // Pushed in reverse so they pop in order.
                foreach (IOperation child in operation.ChildOperations.Reverse())
                {
                    stack.Push((child, false));
                }
            }
        }
    }
}
