using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// One function's own code: a method body, a lambda or a local function, without the functions nested in
/// it, since those run at another time (and, for an async lambda, across their own awaits).
/// </summary>
/// <remarks>
/// A rule builds these only for code its syntactic pre-filter (<see cref="CodeIndex"/>) and a few symbol checks
/// picked; the operations are then its second filter, and where it finds something to follow it asks
/// <see cref="FunctionGraphs"/> for the body's control flow graph and runs <see cref="ForwardFlow"/> on it.
/// </remarks>
internal sealed class FunctionBody
{
    private static readonly ConditionalWeakTable<IOperation, CachedBodies> Cache = new();

    private FunctionBody(IOperation block, IOperation root, IMethodSymbol? symbol, ImmutableArray<IOperation> operations)
    {
        Block = block;
        Root = root;
        Symbol = symbol;
        Operations = operations;
        var awaits = ImmutableArray.CreateBuilder<int>();
        foreach (IOperation operation in operations)
        {
            int? point = GetSuspensionPoint(operation);
            if (point is int position)
            {
                awaits.Add(position);
            }
        }

        AwaitPositions = awaits.ToImmutable();
    }

    /// <summary>The root operation of the code the body sits in (a member's body, an initializer): the key to its control flow graph.</summary>
    public IOperation Block { get; }

    /// <summary>The body's root operation.</summary>
    public IOperation Root { get; }

    /// <summary>The method, lambda or local function whose body this is.</summary>
    public IMethodSymbol? Symbol { get; }

    /// <summary>Whether the function is <c>async</c>.</summary>
    public bool IsAsync => Symbol?.IsAsync == true;

    /// <summary>Every operation of the body, nested functions excluded.</summary>
    public ImmutableArray<IOperation> Operations { get; }

    /// <summary>Where the body may resume on another thread: the end of each <c>await</c>.</summary>
    public ImmutableArray<int> AwaitPositions { get; }

    /// <summary>The first suspension point strictly after <paramref name="from"/> and at or before <paramref name="to"/>, if any.</summary>
    public int? AwaitBetween(int from, int to)
    {
        int? found = null;
        foreach (int position in AwaitPositions)
        {
            if (position > from && position <= to && (found is null || position < found))
            {
                found = position;
            }
        }

        return found;
    }

    /// <summary>The bodies in a code root: the owner's body and every lambda and local function in it.</summary>
    /// <remarks>
    /// Several rules ask for the same bodies of the same root. The semantic model hands every rule the same
    /// operation tree, so the bodies are computed once per root and kept beside it (weakly: they go when the tree
    /// goes) instead of each rule walking and copying the whole tree again.
    /// </remarks>
    public static ImmutableArray<FunctionBody> ForRoot(IOperation root, ISymbol? owner) =>
        Cache.GetValue(root, r => new CachedBodies(Collect(r, owner))).Bodies;

    private static ImmutableArray<FunctionBody> Collect(IOperation block, ISymbol? owner)
    {
        var bodies = ImmutableArray.CreateBuilder<FunctionBody>();
        var pending = new Stack<(IOperation Root, IMethodSymbol? Symbol)>();
        pending.Push((block, owner as IMethodSymbol));
        while (pending.Count > 0)
        {
            var (root, symbol) = pending.Pop();
            var operations = ImmutableArray.CreateBuilder<IOperation>();
            Collect(root, operations, pending);
            bodies.Add(new FunctionBody(block, root, symbol, operations.ToImmutable()));
        }

        return bodies.ToImmutable();
    }

    private static void Collect(IOperation root, ImmutableArray<IOperation>.Builder into, Stack<(IOperation, IMethodSymbol?)> nested)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            into.Add(current);
            foreach (IOperation child in current.ChildOperations)
            {
                switch (child)
                {
                    case IAnonymousFunctionOperation lambda:
                        nested.Push((lambda.Body, lambda.Symbol));
                        break;
                    case ILocalFunctionOperation localFunction when localFunction.Body is not null || localFunction.IgnoredBody is not null:
                        nested.Push((localFunction.Body ?? localFunction.IgnoredBody!, localFunction.Symbol));
                        break;
                    default:
                        stack.Push(child);
                        break;
                }
            }
        }
    }

    private static int? GetSuspensionPoint(IOperation operation) => operation switch
    {
        // The operand runs before the suspension; everything after the await expression may run on another thread.
        IAwaitOperation => operation.Syntax.Span.End,
        // await foreach suspends at every MoveNextAsync: the body already runs after a suspension. A loop that
        // deconstructs its element (`await foreach (var (key, value) in ...)`) is the other syntax of the same loop.
        IForEachLoopOperation { IsAsynchronous: true, Syntax: CommonForEachStatementSyntax loop } => loop.Statement.SpanStart,
        // await using suspends in DisposeAsync, where its statement (or, for a declaration, its block) ends.
        IUsingOperation { IsAsynchronous: true } => operation.Syntax.Span.End,
        IUsingDeclarationOperation { IsAsynchronous: true, Syntax.Parent: { } declaration } => (declaration.Parent ?? declaration).Span.End,
        _ => null,
    };

    /// <summary>A box for the cache: a ConditionalWeakTable needs a class as its value.</summary>
    private sealed class CachedBodies
    {
        public CachedBodies(ImmutableArray<FunctionBody> bodies) => Bodies = bodies;

        public ImmutableArray<FunctionBody> Bodies { get; }
    }
}
