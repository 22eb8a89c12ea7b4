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
    /// The facts on the edge where <paramref name="condition"/> was <paramref name="value"/>, or null when no path
    /// can take it (a rule that follows flags such as <c>hasPending</c>); most rules return the state as is.
    /// </summary>
    TState? Assume(IOperation condition, TState state, bool value);
}

/// <summary>
/// A forward "may" data flow over Roslyn's control flow graph: loops by their back edges, <c>catch</c> and
/// <c>finally</c> entered from every point of their <c>try</c>, the code after a <c>finally</c> seeing what the
/// <c>finally</c> did, branches that leave (a <c>return</c> in an <c>if</c>) simply not reaching what follows.
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
        var output = new TState?[count];
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
            TState seen = state;
            foreach (IOperation operation in blocks.Events[ordinal])
            {
                state = rule.Apply(operation, state, report: false);
                if (handlers.Count > 0)
                {
                    seen = rule.Join(seen, state);
                }
            }

            output[ordinal] = state;
            BasicBlock block = graph.Blocks[ordinal];
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

            // Anything in a try may throw: its handlers start from what held at any point of it.
            foreach (int handler in handlers)
            {
                Merge(handler, seen);
            }
        }

        for (int ordinal = 0; ordinal < count; ordinal++)
        {
            if (input[ordinal] is not TState state)
            {
                continue;
            }

            foreach (IOperation operation in blocks.Events[ordinal])
            {
                state = rule.Apply(operation, state, report: true);
            }
        }

        void Flow(ControlFlowBranch? branch, TState state)
        {
            if (branch?.Destination is not BasicBlock destination)
            {
                return;
            }

            // Leaving a try through its finally: what follows also sees what the finally did.
            foreach (ControlFlowRegion finallyRegion in branch.FinallyRegions)
            {
                Merge(finallyRegion.FirstBlockOrdinal, state);
                foreach (int exit in blocks.FinallyExits(finallyRegion))
                {
                    if (output[exit] is TState after)
                    {
                        state = rule.Join(state, after);
                    }
                }
            }

            Merge(destination.Ordinal, state);
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

    /// <summary>The per-graph lists the fixed point replays: each block's events and the handlers its exceptions reach.</summary>
    private sealed class ImmutableBlocks
    {
        private readonly ControlFlowGraph _graph;
        private Dictionary<ControlFlowRegion, List<int>>? _finallyExits;

        private ImmutableBlocks(ControlFlowGraph graph, List<IOperation>[] events, List<int>[] handlers)
        {
            _graph = graph;
            Events = events;
            HandlersFedBy = handlers;
        }

        public List<IOperation>[] Events { get; }

        public List<int>[] HandlersFedBy { get; }

        public static ImmutableBlocks Create<TState>(ControlFlowGraph graph, IFlowRule<TState> rule)
            where TState : struct, System.IEquatable<TState>
        {
            int count = graph.Blocks.Length;
            var events = new List<IOperation>[count];
            var handlers = new List<int>[count];
            var stack = new Stack<(IOperation Operation, bool Expanded)>();
            for (int i = 0; i < count; i++)
            {
                BasicBlock block = graph.Blocks[i];
                var list = new List<IOperation>();
                foreach (IOperation operation in block.Operations)
                {
                    PostOrder(operation, rule, list, stack);
                }

                if (block.BranchValue is not null)
                {
                    PostOrder(block.BranchValue, rule, list, stack);
                }

                events[i] = list;
                handlers[i] = HandlersOf(block);
            }

            return new ImmutableBlocks(graph, events, handlers);
        }

        public List<int> FinallyExits(ControlFlowRegion region)
        {
            _finallyExits ??= new Dictionary<ControlFlowRegion, List<int>>();
            if (!_finallyExits.TryGetValue(region, out List<int>? exits))
            {
                exits = new List<int>();
                for (int i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++)
                {
                    if (_graph.Blocks[i].FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                    {
                        exits.Add(i);
                    }
                }

                _finallyExits[region] = exits;
            }

            return exits;
        }

        private static List<int> HandlersOf(BasicBlock block)
        {
            var handlers = new List<int>();
            for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } owner)
                {
                    continue;
                }

                foreach (ControlFlowRegion sibling in owner.NestedRegions)
                {
                    if (sibling.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally)
                    {
                        handlers.Add(sibling.FirstBlockOrdinal);
                    }
                }
            }

            return handlers;
        }

        // Children before their parent: the evaluation order of an expression, near enough for these rules.
        private static void PostOrder<TState>(IOperation root, IFlowRule<TState> rule, List<IOperation> into, Stack<(IOperation, bool)> stack)
            where TState : struct, System.IEquatable<TState>
        {
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                (IOperation operation, bool expanded) = stack.Pop();
                if (expanded)
                {
                    if (rule.IsEvent(operation))
                    {
                        into.Add(operation);
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
