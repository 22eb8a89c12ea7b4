using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>How code hands on the ValueTask of an asynchronous syscall: awaited at once, stored, consumed later.</summary>
internal static class TaskUses
{
    /// <summary>How a call's task leaves the place it is made, as the syntax shows it.</summary>
    [System.Flags]
    public enum Handling
    {
        None = 0,

        /// <summary>A statement of its own, or assigned to <c>_</c>.</summary>
        Discarded = 1,

        /// <summary><c>.Result</c> or <c>.GetAwaiter().GetResult()</c> right on the call.</summary>
        WaitedOn = 2,

        /// <summary>Put in a variable (a declaration's initializer, or assigned to a name).</summary>
        Stored = 4,

        /// <summary>The function's result (<c>return</c>, <c>=&gt;</c>), also made into a Task right on the call (<c>return call.AsTask();</c>).</summary>
        Returned = 8,

        /// <summary>Made into a Task (<c>.AsTask()</c>, <c>.Preserve()</c>) right on the call, and that put in a variable.</summary>
        StoredAsTask = 16,

        /// <summary>
        /// Put in a collection (<c>tasks[i] = call</c>, <c>tasks.Add(call)</c>, an array initializer), or made into a Task as a
        /// lambda's result (<c>fd =&gt; ring.FsyncAsync(fd).AsTask()</c>): what a deferred query may enumerate twice.
        /// </summary>
        Collected = 32,

        /// <summary>
        /// Kept somewhere other than a plain variable: an element of a tuple, a collection's element (<c>tasks[i] = </c>,
        /// <c>tasks.Add(</c>, <c>pending[fd] = </c>) or a member (<c>this._pending = </c>).
        /// </summary>
        Kept = 64,

        /// <summary>
        /// Made into a Task right on the call and awaited through <c>WaitAsync</c> there (<c>await call.AsTask().WaitAsync(timeout)</c>):
        /// a timeout (or the wait's token) ends the wait, not the operation, which is still running where that exception goes.
        /// </summary>
        WaitedWithTimeout = 128,
    }

    /// <summary>
    /// Whether the root calls an asynchronous syscall without awaiting its task where the call is made, and hands
    /// the task on in one of <paramref name="handling"/>'s ways: only calls named like one and not awaited at once are
    /// looked at, and only those handled so are bound, each on its own.
    /// </summary>
    public static bool HasUnawaitedAsyncSyscall(CodeRootContext context, AsyncSysApi api, Handling handling, bool apmBegins = false)
    {
        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & CodeFeatures.UnawaitedAsyncCall) != 0 && mark.Name is { } name && CodeIndex.CallOf(name) is { } call &&
                (HandlingOf(call) & handling) != 0 && context.SymbolOf(call) is IMethodSymbol method &&
                (api.IsAsyncSyscall(method) || (apmBegins && api.IsApmBegin(method))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How the syntax hands on a call's task (the syntax-level twin of <see cref="StoredIn"/>, <see cref="IsDiscarded"/>, <see cref="IsReturned"/>).</summary>
    public static Handling HandlingOf(InvocationExpressionSyntax call)
    {
        SyntaxNode current = call;
        while (current.Parent is ParenthesizedExpressionSyntax)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result when result.Expression == current:
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter when awaiter.Expression == current:
                return Handling.WaitedOn;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsTask" or "Preserve", Parent: InvocationExpressionSyntax converted } conversion when conversion.Expression == current:
                if (IsTimedWaitOf(converted))
                {
                    return Handling.WaitedWithTimeout;
                }

                Handling outer = HandlingOf(converted);
                Handling asTask = (outer & Handling.Stored) != 0 ? Handling.StoredAsTask
                    : (outer & (Handling.Discarded | Handling.Returned)) == (Handling.Discarded | Handling.Returned) || (outer & Handling.Collected) != 0 ? Handling.Collected
                    // `return read.AsTask();`: the Task is the operation itself, leaving with the caller still in flight.
                    : (outer & Handling.Returned) != 0 ? Handling.Returned
                    : Handling.None;
                return asTask | (outer & Handling.Kept);
        }

        current = OuterValue(current);

        // `ring.FsyncAsync(fd).ConfigureAwait(false);` drops the configured awaitable just the same.
        if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure && configure.Expression == current &&
            configure.Parent is InvocationExpressionSyntax configured && configured.Parent is ExpressionStatementSyntax)
        {
            return Handling.Discarded;
        }

        if (current.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax or ArgumentListSyntax { Parent: InvocationExpressionSyntax } } argument && IsKeptAs(argument))
        {
            // Given to `Add`, it is also in a collection a deferred query may enumerate twice.
            bool added = argument.Parent?.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" } };
            return added ? Handling.Kept | Handling.Collected : Handling.Kept;
        }

        return current.Parent switch
        {
            ExpressionStatementSyntax => Handling.Discarded,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax } element
                when element.Right == current => Handling.Kept | Handling.Collected,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: MemberAccessExpressionSyntax } member
                when member.Right == current => Handling.Kept,

            // A lambda's expression body: returned, or dropped when the delegate returns void (`token.Register(() => ring.CloseAsync(fd))`).
            LambdaExpressionSyntax lambda when lambda.ExpressionBody == current => Handling.Discarded | Handling.Returned,

            // A void member's expression body drops it (`public void Dispose() => _ring.CloseAsync(_fd);`).
            ArrowExpressionClauseSyntax arrow when IsVoidBody(arrow) => Handling.Discarded,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard when discard.Right == current => Handling.Discarded | Handling.Stored,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax } assignment when assignment.Right == current => Handling.Stored,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } => Handling.Stored,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax } element when element.Right == current => Handling.Collected,
            InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } => Handling.Collected,
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" } } } } => Handling.Collected,
            ReturnStatementSyntax when InLambda(current) => Handling.Discarded | Handling.Returned,
            SelectOrGroupClauseSyntax or QueryClauseSyntax => Handling.Collected,
            ReturnStatementSyntax or ArrowExpressionClauseSyntax => Handling.Returned,
            _ => Handling.None,
        };
    }

    /// <summary>Whether a Task is waited for with <c>WaitAsync</c> right where it is made, and that wait awaited at once: <c>await t.WaitAsync(timeout)</c>.</summary>
    private static bool IsTimedWaitOf(InvocationExpressionSyntax task) =>
        task.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAsync", Parent: InvocationExpressionSyntax wait } access &&
        access.Expression == task && CodeIndex.IsAwaitedAtOnce(wait);

    /// <summary>An element of a tuple, or the one value given to a collection's <c>Add</c>-like method (see <see cref="KeptTasks.IsAdding"/>).</summary>
    // Also an argument of a method called on a variable (`tracker.Track(ring.SendAsync(...))`): such a method of this
    // compilation may keep it in a field of its object (KeptTasks says whether it does, from the method's body).
    private static bool IsKeptAs(ArgumentSyntax argument) =>
        argument.Parent is TupleExpressionSyntax ||
        (argument.Parent?.Parent is InvocationExpressionSyntax call &&
         ((CodeIndex.CalledName(call) is { } name && KeptTasks.IsAdding(name)) ||
          (call.Parent is ExpressionStatementSyntax && call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax })));

    /// <summary>
    /// The expression whose value the task becomes: through parentheses and casts, and out of the arm of a <c>?:</c> or a
    /// switch expression (<c>isSocket ? ring.ReceiveAsync(...) : ring.ReadAsync(...)</c> is either call's task).
    /// </summary>
    private static SyntaxNode OuterValue(SyntaxNode expression)
    {
        while (true)
        {
            switch (expression.Parent)
            {
                case ParenthesizedExpressionSyntax or CastExpressionSyntax:
                    expression = expression.Parent;
                    continue;
                case ConditionalExpressionSyntax conditional when conditional.Condition != expression:
                    expression = conditional;
                    continue;
                case SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax switchExpression } arm when arm.Expression == expression:
                    expression = switchExpression;
                    continue;
                case ConditionalAccessExpressionSyntax access when access.WhenNotNull == expression:
                    // `_ring?.FsyncAsync(fd)`: the call's task (or null) is the value of the whole access.
                    expression = access;
                    continue;
                default:
                    return expression;
            }
        }
    }

    /// <summary>The operation whose value the task becomes, through conversions and out of <c>?:</c> and switch expression arms.</summary>
    private static IOperation? OuterValue(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (true)
        {
            switch (parent)
            {
                case IConversionOperation:
                    operation = parent;
                    parent = parent.Parent;
                    continue;
                case IConditionalOperation conditional when conditional.Condition != operation:
                    operation = parent;
                    parent = parent.Parent;
                    continue;
                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } arm when arm.Value == operation:
                    operation = switchExpression;
                    parent = switchExpression.Parent;
                    continue;
                default:
                    return parent;
            }
        }
    }

    /// <summary>
    /// The asynchronous syscall a local function of the root hands back as its whole body (<c>ValueTask&lt;int&gt; Send() =&gt;
    /// ring.SendAsync(socket, rented, ...)</c>, or a single <c>return</c> of it): a call of that local function starts
    /// that operation. Null for anything else.
    /// </summary>
    public static IInvocationOperation? ReturnedByLocalFunction(CodeRootContext context, AsyncSysApi api, IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.LocalFunction)
        {
            return null;
        }

        foreach (FunctionBody body in context.Bodies)
        {
            if (!SymbolEqualityComparer.Default.Equals(body.Symbol, method.OriginalDefinition))
            {
                continue;
            }

            IInvocationOperation? returned = null;
            foreach (IOperation operation in body.Operations)
            {
                if (operation is IReturnOperation { ReturnedValue: { } value })
                {
                    while (value is IConversionOperation conversion)
                    {
                        value = conversion.Operand;
                    }

                    if (returned is not null || value is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod))
                    {
                        return null;
                    }

                    returned = call;
                }
            }

            return returned;
        }

        return null;
    }

    /// <summary>
    /// The asynchronous syscall a local function of the root starts and stores in a local of the code around it, as its
    /// one statement (<c>void Start() =&gt; pending = ring.WriteAtMostAsync(fd, block, offset);</c>): a call of that local
    /// function starts the operation with its task in that local. Null for anything else.
    /// </summary>
    public static (IInvocationOperation Start, ILocalSymbol Task)? StoredByLocalFunction(CodeRootContext context, AsyncSysApi api, IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.LocalFunction || !method.ReturnsVoid)
        {
            return null;
        }

        foreach (FunctionBody body in context.Bodies)
        {
            if (!SymbolEqualityComparer.Default.Equals(body.Symbol, method.OriginalDefinition))
            {
                continue;
            }

            (IInvocationOperation, ILocalSymbol)? stored = null;
            foreach (IOperation operation in body.Operations)
            {
                if (operation is IExpressionStatementOperation { Operation: var statement })
                {
                    if (stored is not null || statement is not ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value } ||
                        SymbolEqualityComparer.Default.Equals(target.Local.ContainingSymbol, method.OriginalDefinition) ||
                        value.WithoutConversions() is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod))
                    {
                        return null;
                    }

                    stored = (call, target.Local);
                }
            }

            return stored;
        }

        return null;
    }

    /// <summary>
    /// The locals of the code around it that a local function consumes (awaits, returns, hands on: <c>async ValueTask&lt;int&gt;
    /// Finish() =&gt; await pending;</c>): its call ends what the caller can see of those tasks. Empty for anything else.
    /// </summary>
    public static List<ILocalSymbol> ConsumedByLocalFunction(CodeRootContext context, IMethodSymbol method)
    {
        var consumed = new List<ILocalSymbol>();
        if (method.MethodKind != MethodKind.LocalFunction)
        {
            return consumed;
        }

        foreach (FunctionBody body in context.Bodies)
        {
            if (!SymbolEqualityComparer.Default.Equals(body.Symbol, method.OriginalDefinition))
            {
                continue;
            }

            foreach (IOperation operation in body.Operations)
            {
                if (operation is ILocalReferenceOperation reference && !SymbolEqualityComparer.Default.Equals(reference.Local.ContainingSymbol, method.OriginalDefinition) &&
                    Consumption(reference) is not null && !consumed.Exists(local => SymbolEqualityComparer.Default.Equals(local, reference.Local)))
                {
                    consumed.Add(reference.Local);
                }
            }
        }

        return consumed;
    }

    /// <summary>Whether the call's task is awaited where it is made (through ConfigureAwait and conversions).</summary>
    public static bool IsAwaitedAtOnce(IOperation call)
    {
        IOperation? parent = call.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        // ConfigureAwait(false) and friends sit between the call and its await.
        while (parent is IInvocationOperation { Instance: not null } chained && chained.Instance.WithoutConversions() == call &&
               chained.TargetMethod.Name is "ConfigureAwait")
        {
            parent = chained.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }
        }

        return parent is IAwaitOperation;
    }

    /// <summary>The local a call's task is stored in, in the original tree or in a control flow graph (where declarations are assignments).</summary>
    public static ILocalSymbol? StoredIn(IOperation call)
    {
        IOperation? parent = OuterValue(call);
        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            // `var (wal, index) = (ring.WriteAtMostAsync(...), ring.WriteAtMostAsync(...));`: each local holds its element's task.
            ITupleOperation => Deconstructions.TargetOf(call),
            _ => null,
        };
    }

    /// <summary>Whether the call's task is dropped: a statement of its own, or assigned to <c>_</c>.</summary>
    public static bool IsDiscarded(IOperation call) =>
        call.Syntax.Parent is ExpressionStatementSyntax ||
        call.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } ||
        (OuterValue(call.Syntax).Parent is ArrowExpressionClauseSyntax arrow && IsVoidBody(arrow));

    /// <summary>Whether the call's task leaves the function as its result.</summary>
    public static bool IsReturned(IOperation call) =>
        OuterValue(call.Syntax).Parent is ReturnStatementSyntax ||
        (OuterValue(call.Syntax).Parent is ArrowExpressionClauseSyntax arrow && !IsVoidBody(arrow));

    /// <summary>
    /// Whether an expression body belongs to a member that returns nothing (a void method or local function, a
    /// constructor, a finalizer, a setter or event accessor): its value is dropped, not returned.
    /// </summary>
    private static bool IsVoidBody(ArrowExpressionClauseSyntax arrow) => arrow.Parent switch
    {
        MethodDeclarationSyntax method => IsVoid(method.ReturnType),
        LocalFunctionStatementSyntax function => IsVoid(function.ReturnType),
        ConstructorDeclarationSyntax or DestructorDeclarationSyntax => true,
        AccessorDeclarationSyntax accessor => !accessor.IsKind(SyntaxKind.GetAccessorDeclaration),
        _ => false,
    };

    /// <summary>Whether a returned value leaves a lambda (whose delegate may drop it) rather than a method or local function.</summary>
    private static bool InLambda(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax:
                    return true;
                case LocalFunctionStatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool IsVoid(TypeSyntax type) => type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };

    /// <summary>
    /// The operation that takes the task's result or its ownership through this reference to the local holding it:
    /// an await, <c>AsTask</c>, <c>GetAwaiter</c>, <c>ConfigureAwait</c>, <c>Result</c>, passing it on, returning it.
    /// </summary>
    public static IOperation? Consumption(ILocalReferenceOperation reference)
    {
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IAwaitOperation or IArgumentOperation or IReturnOperation:
                return parent;
            case IPropertyReferenceOperation { Property.Name: "Result" }:
                return parent;
            case IInvocationOperation { TargetMethod.Name: "AsTask" or "GetAwaiter" or "ConfigureAwait" or "Preserve" } invocation
                when invocation.Instance is { } instance && instance.WithoutConversions() == reference:
                return parent;
            case null when reference.Syntax.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                // In a control flow graph the returned value is the block's branch value, with no parent.
                return reference;
            default:
                return null;
        }
    }

    /// <summary>Whether the reference only asks if the task has completed.</summary>
    public static bool IsCompletionCheck(IOperation reference)
    {
        switch (reference.Parent)
        {
            case IPropertyReferenceOperation property:
                return IsCompletionProperty(property.Property.Name);
            case IIsPatternOperation { Pattern: var checkedPattern }:
                // `task is { IsCompletedSuccessfully: true }`, `task is not { IsCompleted: true }`
                while (checkedPattern is INegatedPatternOperation negated)
                {
                    checkedPattern = negated.Pattern;
                }

                if (checkedPattern is not IRecursivePatternOperation pattern)
                {
                    return false;
                }

                foreach (IPropertySubpatternOperation subpattern in pattern.PropertySubpatterns)
                {
                    if (subpattern.Member is IPropertyReferenceOperation member && IsCompletionProperty(member.Property.Name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsCompletionProperty(string name) => name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled";

}
