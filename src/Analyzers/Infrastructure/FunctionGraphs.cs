using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// The control flow graphs of one code root: the owner's, and one per lambda and local function in it,
/// wherever they sit (initializers included), each with the function it belongs to.
/// </summary>
/// <remarks>
/// The root's graph is built once and kept beside its operation tree (weakly), so every rule that asks shares
/// it; the nested graphs hang off it. A rule asks only for roots where its pre-filters found something to
/// follow, so most methods never get a graph.
/// </remarks>
internal static class FunctionGraphs
{
    private static readonly ConditionalWeakTable<IOperation, ControlFlowGraph> Graphs = new();

    /// <summary>The graph of the function <paramref name="function"/> (null: the owner) inside the root, if it has one.</summary>
    public static ControlFlowGraph? Find(IOperation block, IMethodSymbol? function, ISymbol? owner, CancellationToken cancellationToken)
    {
        ControlFlowGraph? root = TryGetGraph(block, cancellationToken);
        if (root is null)
        {
            return null;
        }

        if (function is null || SymbolEqualityComparer.Default.Equals(function, owner))
        {
            return root;
        }

        // Breadth first through the nested functions: lambdas live in the blocks, local functions in the list.
        var pending = new Queue<ControlFlowGraph>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            ControlFlowGraph graph = pending.Dequeue();
            foreach (IMethodSymbol local in graph.LocalFunctions)
            {
                ControlFlowGraph nested = graph.GetLocalFunctionControlFlowGraph(local);
                if (SymbolEqualityComparer.Default.Equals(local, function))
                {
                    return nested;
                }

                pending.Enqueue(nested);
            }

            foreach (BasicBlock basicBlock in graph.Blocks)
            {
                foreach (IOperation operation in basicBlock.Operations)
                {
                    ControlFlowGraph? found = FindLambda(graph, operation, function, pending);
                    if (found is not null)
                    {
                        return found;
                    }
                }

                if (basicBlock.BranchValue is not null)
                {
                    ControlFlowGraph? found = FindLambda(graph, basicBlock.BranchValue, function, pending);
                    if (found is not null)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    private static ControlFlowGraph? FindLambda(ControlFlowGraph graph, IOperation root, IMethodSymbol function, Queue<ControlFlowGraph> pending)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            if (current is IFlowAnonymousFunctionOperation lambda)
            {
                ControlFlowGraph nested = graph.GetAnonymousFunctionControlFlowGraph(lambda);
                if (SymbolEqualityComparer.Default.Equals(lambda.Symbol, function))
                {
                    return nested;
                }

                pending.Enqueue(nested);
                continue;
            }

            foreach (IOperation child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }

        return null;
    }

    private static ControlFlowGraph? TryGetGraph(IOperation root, CancellationToken cancellationToken)
    {
        if (Graphs.TryGetValue(root, out ControlFlowGraph? known))
        {
            return known;
        }

        // Only these roots have a graph; the rules' roots are always one of them.
        ControlFlowGraph? graph = root switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IBlockOperation { Parent: null } block => ControlFlowGraph.Create(block, cancellationToken),
            IFieldInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
            IPropertyInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
            _ => null,
        };
        return graph is null ? null : Graphs.GetValue(root, _ => graph);
    }
}
