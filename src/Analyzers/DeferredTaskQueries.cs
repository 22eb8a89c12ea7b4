using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1006: a deferred LINQ query kept in a local that touches operations' ValueTasks each time it is enumerated:
/// <c>syncs.Select(s =&gt; s.AsTask())</c> over an array the code filled with operations' tasks (each enumeration consumes
/// every ValueTask again), or <c>fds.Select(fd =&gt; ring.FsyncAsync(fd).AsTask())</c> (each enumeration starts every
/// operation again). Enumerating such a local twice is a second consumption (or a second start) of each operation.
/// </summary>
/// <remarks>
/// A query materialized once (<c>.ToArray()</c>, <c>.ToList()</c>) is a collection, not a query, and is not followed. An
/// enumeration is the local given to a parameter of type <c>IEnumerable</c> (<c>Task.WhenAll(all)</c>, <c>all.Count()</c>,
/// <c>new List&lt;Task&gt;(all)</c>) or a <c>foreach</c> over it; handing it to another deferred operator (<c>all.Where(...)</c>)
/// is not one, since that query may never run.
/// </remarks>
internal static class DeferredTaskQueries
{
    /// <summary>
    /// The local an operation's task is put into as an element: <c>tasks[i] = call</c>, <c>tasks.Add(call)</c>, or an
    /// element of the array initializer of the local's declaration.
    /// </summary>
    public static ILocalSymbol? CollectedIn(IInvocationOperation call)
    {
        IOperation current = call;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } } assignment when assignment.Value == current:
                return array.Local;
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } }:
                return list.Local;
            case IArrayInitializerOperation { Parent: IArrayCreationOperation creation }:
                IOperation made = creation;
                while (made.Parent is IConversionOperation)
                {
                    made = made.Parent;
                }

                return made.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
            default:
                return null;
        }
    }

    /// <summary>Whether a value is a call of a deferred <c>System.Linq.Enumerable</c> operator (the only values <see cref="Describe"/> looks into).</summary>
    public static bool IsDeferredQuery(IOperation value) =>
        Unwrap(value) is IInvocationOperation call && IsDeferredOperator(call.TargetMethod);

    /// <summary>
    /// What enumerating the query does to operations' tasks, for the message, with the operation's name; null when it
    /// does nothing to them (or nothing the rule can tie to an asynchronous syscall).
    /// </summary>
    public static (string Operation, string What)? Describe(IOperation value, AsyncSysApi api, Dictionary<ILocalSymbol, string>? collected)
    {
        bool consumesElements = false;
        string? consumption = null;
        IOperation source = Unwrap(value);
        while (source is IInvocationOperation call && IsDeferredOperator(call.TargetMethod) && call.Arguments.Length > 0)
        {
            for (int i = 1; i < call.Arguments.Length; i++)
            {
                if (call.Arguments[i].Value.WithoutConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    continue;
                }

                foreach (IOperation inside in lambda.Body.Descendants())
                {
                    if (inside is IInvocationOperation started && api.IsAsyncSyscall(started.TargetMethod))
                    {
                        return (started.TargetMethod.Name, "started again: the deferred query '{0}' starts it anew each time it is enumerated, and a path here already enumerated it (make it an array once, with ToArray())");
                    }

                    if (consumption is null && inside is IParameterReferenceOperation parameter && lambda.Symbol.Parameters.Length > 0 &&
                        SymbolEqualityComparer.Default.Equals(parameter.Parameter, lambda.Symbol.Parameters[0]) && api.IsValueTask(parameter.Type) &&
                        ConsumptionOf(parameter) is { } name)
                    {
                        consumesElements = true;
                        consumption = name;
                    }
                }
            }

            source = call.Arguments[0].Value.WithoutConversions();
        }

        if (consumesElements && source is ILocalReferenceOperation elements && collected is not null && collected.TryGetValue(elements.Local, out string? operation))
        {
            return (operation, "consumed again: the deferred query '{0}' runs " + consumption + " on each task of '" + elements.Local.Name + "' each time it is enumerated, and a path here already enumerated it (make it an array once, with ToArray())");
        }

        return null;
    }

    /// <summary>The reference to a query local, when it enumerates the query here (reported at the reference).</summary>
    public static IOperation? Enumeration(ILocalReferenceOperation reference)
    {
        IOperation current = reference;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IArgumentOperation { Parameter.Type: { } type, Parent: var consumer }
                when IsSequence(type) && !(consumer is IInvocationOperation next && IsDeferredOperator(next.TargetMethod)):
                return reference;
            case IInvocationOperation { TargetMethod.Name: "GetEnumerator" } enumerator when enumerator.Instance == current:
                // foreach, as the flow graph writes it.
                return reference;
            default:
                return null;
        }
    }

    /// <summary>
    /// When this reference to a collection of operations' tasks is the source of LINQ calls that consume each element in
    /// a lambda (<c>AsTask()</c>, <c>.Result</c>, an await...) and those calls run here: an operator that is not deferred
    /// (<c>Sum</c>, <c>ToArray</c>, <c>Count</c>) ends the chain, or the deferred query is enumerated at once (given to an
    /// <c>IEnumerable</c> parameter, <c>Task.WhenAll(reads.Select(r =&gt; r.AsTask()))</c>). The consumption in the lambda,
    /// and how it consumes; null otherwise (a query kept or never run, a lambda that only checks completion).
    /// </summary>
    public static (IOperation Consumption, string How)? ElementConsumption(ILocalReferenceOperation reference, System.Collections.Immutable.ImmutableArray<FunctionBody> bodies)
    {
        IOperation current = reference;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        (IOperation Consumption, string How)? found = null;
        while (current.Parent is IArgumentOperation { Parent: IInvocationOperation call } argument &&
               call.Arguments[0] == argument && IsEnumerableMethod(call.TargetMethod))
        {
            for (int i = 1; i < call.Arguments.Length && found is null; i++)
            {
                if (call.Arguments[i].Value.WithoutConversions() is IDelegateCreationOperation { Target: var target } &&
                    LambdaOf(target, bodies) is { Symbol.Parameters.Length: > 0 } lambda)
                {
                    found = ConsumptionIn(lambda.Body, lambda.Symbol.Parameters[0], call.TargetMethod.Name);
                }
            }

            if (!IsDeferredOperator(call.TargetMethod))
            {
                return found;
            }

            current = call;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }
        }

        return found is not null && current.Parent is IArgumentOperation { Parameter.Type: { } type, Parent: var consumer } &&
               IsSequence(type) && !(consumer is IInvocationOperation next && IsEnumerableMethod(next.TargetMethod))
            ? found
            : null;
    }

    /// <summary>
    /// When this reference to a collection of operations' tasks is the element at a <c>for</c> loop's index that the loop
    /// consumes (<c>reads[i].AsTask()</c>, <c>reads[i].Result</c>, <c>await reads[i]</c>, in <c>for (int i = ...; ...; i++)</c>):
    /// the consumption, how it consumes, and the loop. One iteration consumes one element, so the loop as a whole
    /// consumes them all only when it ends; null otherwise (another index, no loop over it).
    /// </summary>
    public static (IOperation Consumption, string How, ForStatementSyntax Loop)? IndexedLoopConsumption(ILocalReferenceOperation reference)
    {
        (IOperation element, IOperation? index) = reference.Parent switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } array when array.ArrayReference == reference => (array, array.Indices[0]),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == reference => ((IOperation)indexer, indexer.Arguments[0].Value),
            _ => (reference, null),
        };
        if (ConsumptionOfElement(element) is not { } consumed || LoopOverIndex(reference, index) is not { } loop)
        {
            return null;
        }

        return (consumed.Consumption, consumed.How, loop);
    }

    /// <summary>
    /// When this reference to a collection is the target of an element assignment at a <c>for</c> loop's index
    /// (<c>reads[i] = ring.ReadAsync(...)</c>): the loop, which puts a new task in every element by the time it ends.
    /// </summary>
    public static ForStatementSyntax? IndexedLoopRefill(ILocalReferenceOperation reference) =>
        reference.Parent is IArrayElementReferenceOperation { Indices.Length: 1, Parent: ISimpleAssignmentOperation assignment } element &&
        element.ArrayReference == reference && assignment.Target == element
            ? LoopOverIndex(reference, element.Indices[0])
            : null;

    /// <summary>The <c>for</c> loop around the reference whose counter (declared by the loop) is the index, or null.</summary>
    private static ForStatementSyntax? LoopOverIndex(IOperation reference, IOperation? index)
    {
        if (index?.WithoutConversions() is not ILocalReferenceOperation { Local: var counter })
        {
            return null;
        }

        for (SyntaxNode? node = reference.Syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }

            if (node is ForStatementSyntax { Condition: not null, Declaration: { } declaration } loop &&
                loop.Statement.Span.Contains(reference.Syntax.Span) && declaration.Variables.Count == 1 &&
                counter.DeclaringSyntaxReferences.Length == 1 && counter.DeclaringSyntaxReferences[0].Span == declaration.Variables[0].Span)
            {
                return loop;
            }
        }

        return null;
    }

    private static (IOperation Consumption, string How)? ConsumptionOfElement(IOperation element)
    {
        IOperation current = element;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve" or "GetAwaiter" or "ConfigureAwait" } call when call.Instance == current => (call, call.TargetMethod.Name + "()"),
            IPropertyReferenceOperation { Property.Name: "Result" } result => (result, ".Result"),
            IAwaitOperation awaited => (awaited, "an await"),
            _ => null,
        };
    }

    /// <summary>
    /// When this reference to a collection of operations' tasks is the collection of a <c>foreach</c> (the flow graph's
    /// <c>GetEnumerator</c>) whose body consumes the iteration variable on every pass (<c>total += await read;</c>, also
    /// <c>AsTask()</c>, <c>.Result</c>; not in a branch, a nested loop or a lambda, where some passes may skip it): the
    /// consumption and how; null otherwise. A loop that consumes every element is a consumption of the collection, like
    /// a LINQ call whose lambda does.
    /// </summary>
    public static (IOperation Consumption, string How)? LoopConsumption(ILocalReferenceOperation reference, System.Collections.Immutable.ImmutableArray<FunctionBody> bodies)
    {
        IOperation current = reference;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IInvocationOperation { TargetMethod.Name: "GetEnumerator" } enumerator || enumerator.Instance != current)
        {
            return null;
        }

        foreach (FunctionBody body in bodies)
        {
            foreach (IOperation operation in body.Block.DescendantsAndSelf())
            {
                if (operation is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: { Type: INamedTypeSymbol { Name: "ValueTask" } } element } } loop &&
                    loop.Collection.WithoutConversions().Syntax == reference.Syntax)
                {
                    return ConsumptionOnEveryPass(loop, element);
                }
            }
        }

        return null;
    }

    private static (IOperation Consumption, string How)? ConsumptionOnEveryPass(IForEachLoopOperation loop, ILocalSymbol element)
    {
        foreach (IOperation inside in loop.Body.Descendants())
        {
            if (inside is not ILocalReferenceOperation read || !SymbolEqualityComparer.Default.Equals(read.Local, element) || ConsumptionOf(read) is not { } how)
            {
                continue;
            }

            for (IOperation? outer = read.Parent; outer is not null && outer != loop.Body; outer = outer.Parent)
            {
                if (outer is IConditionalOperation or ISwitchOperation or ISwitchExpressionOperation or ILoopOperation or IConditionalAccessOperation or
                    ICoalesceOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr })
                {
                    return null;
                }
            }

            IOperation consumption = read;
            while (consumption.Parent is IConversionOperation)
            {
                consumption = consumption.Parent;
            }

            return (consumption.Parent!, "a 'foreach' with " + how);
        }

        return null;
    }

    /// <summary>Whether the reference puts new elements into the collection or empties it (<c>Add</c>, <c>Clear</c>, an element assignment).</summary>
    public static bool IsRefilled(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IInvocationOperation { TargetMethod.Name: "Add" or "Insert" or "Clear" or "AddRange" } call => call.Instance == reference,
        IArrayElementReferenceOperation { Parent: ISimpleAssignmentOperation assignment } element => assignment.Target == element,
        _ => false,
    };

    /// <summary>A lambda's body and symbol: in the tree, or (in a control flow graph, where it is a flow lambda) from the root's bodies.</summary>
    private static (IOperation Body, IMethodSymbol Symbol)? LambdaOf(IOperation target, System.Collections.Immutable.ImmutableArray<FunctionBody> bodies)
    {
        switch (target)
        {
            case IAnonymousFunctionOperation lambda:
                return (lambda.Body, lambda.Symbol);
            case IFlowAnonymousFunctionOperation flow:
                foreach (FunctionBody body in bodies)
                {
                    if (SymbolEqualityComparer.Default.Equals(body.Symbol, flow.Symbol))
                    {
                        return (body.Block, flow.Symbol);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static (IOperation Consumption, string How)? ConsumptionIn(IOperation body, IParameterSymbol element, string method)
    {
        foreach (IOperation inside in body.Descendants())
        {
            if (inside is IParameterReferenceOperation { Type: INamedTypeSymbol { Name: "ValueTask" } } parameter &&
                SymbolEqualityComparer.Default.Equals(parameter.Parameter, element) && ConsumptionOf(parameter) is { } how)
            {
                IOperation consumption = parameter;
                while (consumption.Parent is IConversionOperation)
                {
                    consumption = consumption.Parent;
                }

                return (consumption.Parent!, "'" + method + "' with " + how);
            }
        }

        return null;
    }

    private static bool IsEnumerableMethod(IMethodSymbol method) =>
        method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    private static IOperation Unwrap(IOperation value)
    {
        value = value.WithoutConversions();
        return value is ITranslatedQueryOperation query ? query.Operation.WithoutConversions() : value;
    }

    /// <summary>How a lambda (or a loop) consumes the ValueTask it is given: <c>AsTask()</c>, <c>Preserve()</c>, <c>GetAwaiter()</c>, <c>.Result</c>, an await.</summary>
    private static string? ConsumptionOf(IOperation task)
    {
        IOperation current = task;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve" or "GetAwaiter" or "ConfigureAwait" } call when call.Instance == current => call.TargetMethod.Name + "()",
            IPropertyReferenceOperation { Property.Name: "Result" } => ".Result",
            IAwaitOperation => "an await",
            _ => null,
        };
    }

    private static bool IsDeferredOperator(IMethodSymbol method) =>
        method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } &&
        (IsSequence(method.ReturnType) || method.ReturnType.OriginalDefinition is { Name: "IOrderedEnumerable" });

    private static bool IsSequence(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T || type.SpecialType == SpecialType.System_Collections_IEnumerable;
}
