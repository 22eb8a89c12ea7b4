using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// The control flow graphs of one operation block: the owner's, and one per lambda and local function in it,
/// wherever they sit (initializers included), each with the function it belongs to.
/// </summary>
/// <remarks>
/// The graph comes from the analysis context, which builds it once per block and shares it between every rule
/// that asks; the nested graphs hang off it. A rule asks only for blocks where its cheap pre-filter found
/// something to follow, so most methods never get a graph.
/// </remarks>
internal static class FunctionGraphs
{
    /// <summary>The graph of the function <paramref name="function"/> (null: the owner) inside the block, if it has one.</summary>
    public static ControlFlowGraph? Find(OperationBlockAnalysisContext context, IOperation block, IMethodSymbol? function, ISymbol owner)
    {
        ControlFlowGraph? root = TryGetGraph(context, block);
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

    private static ControlFlowGraph? TryGetGraph(OperationBlockAnalysisContext context, IOperation block)
    {
        // Only these roots have a graph; an attribute argument or a parameter default is not a function body.
        if (block is not (IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation or IMethodBodyOperation or IConstructorBodyOperation))
        {
            return null;
        }

        return context.GetControlFlowGraph(block);
    }
}
