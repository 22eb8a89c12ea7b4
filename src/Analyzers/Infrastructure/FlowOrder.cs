using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which operations of a control flow graph the code reaches going on from another one without taking a loop's back
/// edge: the rest of its block, and the blocks reached by branches to later blocks (a loop's back edge goes to an
/// earlier one), by a finally a branch leaves through, and by the handlers of a try the way passes through.
/// </summary>
/// <remarks>
/// Rules that report a hazard once, at its first use after an event, ask this before the order of the graph: in
/// <c>while (...) { await ReadAsync(buffer); Parse(buffer); }</c> the use in the next iteration's call is reached only
/// around the loop, the parse right away.
/// </remarks>
internal sealed class FlowOrder
{
    private readonly ControlFlowGraph _graph;
    private Dictionary<IOperation, int>? _blockOf;
    private readonly Dictionary<int, bool[]> _reached = new();

    public FlowOrder(ControlFlowGraph graph) => _graph = graph;

    /// <summary>
    /// Whether <paramref name="later"/> (at <paramref name="laterPosition"/> in the rule's replay of the graph) is
    /// reached going on from <paramref name="from"/> (at <paramref name="fromPosition"/>) before any back edge. False
    /// when either is not an operation of the graph's blocks.
    /// </summary>
    public bool FollowsWithoutLooping(IOperation? from, int fromPosition, IOperation later, int laterPosition)
    {
        if (from is null || BlockOf(from) is not int fromBlock || BlockOf(later) is not int laterBlock)
        {
            return false;
        }

        if (fromBlock == laterBlock)
        {
            // The replay goes through a block's operations in evaluation order.
            return laterPosition > fromPosition;
        }

        if (!_reached.TryGetValue(fromBlock, out bool[]? reached))
        {
            _reached[fromBlock] = reached = ReachedForward(fromBlock);
        }

        return reached[laterBlock];
    }

    private int? BlockOf(IOperation operation)
    {
        if (_blockOf is null)
        {
            _blockOf = new Dictionary<IOperation, int>();
            foreach (BasicBlock block in _graph.Blocks)
            {
                foreach (IOperation root in block.Operations)
                {
                    Add(root, block.Ordinal);
                }

                if (block.BranchValue is { } value)
                {
                    Add(value, block.Ordinal);
                }
            }
        }

        return _blockOf.TryGetValue(operation, out int ordinal) ? ordinal : null;

        void Add(IOperation root, int ordinal)
        {
            _blockOf![root] = ordinal;
            foreach (IOperation descendant in root.Descendants())
            {
                _blockOf[descendant] = ordinal;
            }
        }
    }

    private bool[] ReachedForward(int start)
    {
        var reached = new bool[_graph.Blocks.Length];
        var pending = new Stack<int>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            int ordinal = pending.Pop();
            BasicBlock block = _graph.Blocks[ordinal];
            Follow(block.FallThroughSuccessor, ordinal);
            Follow(block.ConditionalSuccessor, ordinal);

            // An exception from here reaches the handlers (and finally) of every try around it.
            for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally } tryStatement)
                {
                    foreach (ControlFlowRegion handler in tryStatement.NestedRegions)
                    {
                        if (handler != region)
                        {
                            Reach(handler.FirstBlockOrdinal, ordinal);
                        }
                    }
                }
            }
        }

        return reached;

        void Follow(ControlFlowBranch? branch, int from)
        {
            if (branch is null)
            {
                return;
            }

            foreach (ControlFlowRegion finallyRegion in branch.FinallyRegions)
            {
                Reach(finallyRegion.FirstBlockOrdinal, from);
            }

            if (branch.Destination is { } destination)
            {
                Reach(destination.Ordinal, from);
            }
        }

        void Reach(int ordinal, int from)
        {
            // A branch back to this block or an earlier one is a loop's back edge.
            if (ordinal > from && !reached[ordinal])
            {
                reached[ordinal] = true;
                pending.Push(ordinal);
            }
        }
    }
}
