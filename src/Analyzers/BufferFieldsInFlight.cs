using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1005 across the members of a type: an operation started on a buffer held in a field, its task kept in another
/// field (<c>_pending = ring.ReceiveAsync(fd, _inbox, ...)</c> in a constructor or a Start method), and another member
/// (<c>DisposeAsync</c>, <c>Stop</c>) that returns or writes that buffer before it has awaited the task. Cancelling first
/// does not help: cancellation is a request, and the operation may still complete into the buffer.
/// </summary>
/// <remarks>
/// Followed only from the member that starts such an operation, so a type without one costs nothing; the type's code is
/// scanned for the two fields' names and only those names are bound. Quiet whenever it would have to guess: the task
/// field written in another member (except with the same operation started again on the same buffer fields: a receive
/// re-armed after each datagram) or used in any way but a write or a consumption (handed to ContinueWith, checked for
/// completion, captured by a lambda), the buffer field assigned outside the starting member, a constructor or an
/// initializer, and members that assign the buffer field themselves.
/// </remarks>
internal static class BufferFieldsInFlight
{
    /// <summary>
    /// Reports the touches of <paramref name="buffers"/> (fields of the type) in the type's other members, on a path where
    /// the task kept in <paramref name="task"/> has not been consumed.
    /// </summary>
    public static void Report(CodeRootContext context, AsyncSysApi api, ISymbol task, List<IFieldSymbol> buffers, SyntaxNode call, string operation)
    {
        if (!IsTaskField(task) || context.Root.Syntax is not { } writer)
        {
            return;
        }

        var members = new Dictionary<SyntaxNode, SemanticModel>();
        SyntaxNode? rearmingWriter = null;
        SemanticModel? writerModel = null;
        foreach (SyntaxReference declaration in task.ContainingType.DeclaringSyntaxReferences)
        {
            SyntaxNode type = declaration.GetSyntax(context.CancellationToken);
            SemanticModel? model = null;
            foreach (SyntaxNode node in type.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || !Named(name.Identifier.ValueText, task, buffers))
                {
                    continue;
                }

                model ??= context.ModelOf(type.SyntaxTree);
                ISymbol? symbol = model.GetSymbolInfo(name, context.CancellationToken).Symbol;
                bool isTask = SymbolEqualityComparer.Default.Equals(symbol, task);
                IFieldSymbol? buffer = isTask ? null : FindBuffer(buffers, symbol);
                if (!isTask && buffer is null)
                {
                    continue;
                }

                SyntaxNode reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                SyntaxNode? member = MemberOf(name, type);
                bool inWriter = writer.SyntaxTree == name.SyntaxTree && writer.Span.Contains(name.Span);
                if (isTask && inWriter && member is MethodDeclarationSyntax && name.SpanStart < call.SpanStart &&
                    model.GetOperation(reference, context.CancellationToken) is { } awaitedFirst && IsOwn(awaitedFirst) && IsConsumption(awaitedFirst))
                {
                    // The writer awaits the task the field holds before it starts the next operation (`await _previousWrite;`
                    // then `_previousWrite = ring.WriteAsync(fd, _record, ...)`, since round 55): it is called again while the
                    // operation of its last call runs, so what it does to the buffers before that await happens in flight.
                    rearmingWriter = member;
                    writerModel = model;
                    continue;
                }

                if (isTask && model.GetOperation(reference, context.CancellationToken) is { } tested && IsOwn(tested) && IsNullTest(tested))
                {
                    // Since session 58: `if (_receive is not null) await _receive;` asks whether an operation was ever started,
                    // not whether it has ended: neither a use that hands the task out nor a consumption.
                    continue;
                }

                if (isTask && inWriter && name.SpanStart > call.SpanStart && LoopAround(call, member) is { } loop && !loop.Span.Contains(name.Span) &&
                    model.GetOperation(reference, context.CancellationToken) is { } drained && IsOwn(drained) && IsConsumption(drained))
                {
                    // Since session 58: the writer stores the task in a loop and awaits the field only after the loop (a drain):
                    // while the loop runs, each operation is still in flight at the loop's next awaits, where other code runs.
                    continue;
                }

                if (isTask)
                {
                    // The writer stores it; elsewhere it may be awaited or handed out (a property returning it). In the
                    // writer, a consumption means the operation may be over before the others run: stay quiet. Another
                    // member may store it too when it starts the same operation again on the same buffer fields (a receive
                    // re-armed after each datagram): the field still holds one in flight on them. Then the first writer in
                    // source order follows it, so a touch is reported once.
                    if (member is null || model.GetOperation(reference, context.CancellationToken) is not { } bound || !IsOwn(bound) ||
                        (IsWrite(bound) ? !inWriter && (!IsRestart(api, bound, operation, buffers) || Precedes(name, writer)) : inWriter || !(IsConsumption(bound) || IsReturned(bound) || AliasOf(bound) is not null)))
                    {
                        return;
                    }

                    continue;
                }

                if (IsAssigned(reference) && !inWriter && member is not ConstructorDeclarationSyntax)
                {
                    // Another buffer may be put in the field: what is touched afterwards may be that one.
                    buffers = Without(buffers, buffer!);
                    if (buffers.Count == 0)
                    {
                        return;
                    }

                    continue;
                }

                if (member is not null && !inWriter && member is not (ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax))
                {
                    members[member] = model;
                }
            }
        }

        if (rearmingWriter is not null)
        {
            members[rearmingWriter] = writerModel!;
        }

        foreach (KeyValuePair<SyntaxNode, SemanticModel> member in members)
        {
            if (member.Key.SyntaxTree != context.Model.SyntaxTree)
            {
                continue;
            }

            if (member.Value.GetOperation(member.Key, context.CancellationToken) is not { } body ||
                FunctionGraphs.Find(body, null, null, context.CancellationToken) is not { } graph)
            {
                continue;
            }

            ISymbol? owner = member.Value.GetDeclaredSymbol(member.Key, context.CancellationToken);
            Buffers own = Buffers.Collect(api, FunctionBody.ForRoot(body, owner)[0]);
            ForwardFlow.Run(graph, new PendingFlow(context, api, own, task, buffers, call, operation, NameOf(member.Key)));
        }
    }

    private static bool Named(string name, ISymbol task, List<IFieldSymbol> buffers)
    {
        if (name == task.Name)
        {
            return true;
        }

        foreach (IFieldSymbol buffer in buffers)
        {
            if (buffer.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static IFieldSymbol? FindBuffer(List<IFieldSymbol> buffers, ISymbol? symbol)
    {
        foreach (IFieldSymbol buffer in buffers)
        {
            if (SymbolEqualityComparer.Default.Equals(buffer, symbol))
            {
                return buffer;
            }
        }

        return null;
    }

    private static List<IFieldSymbol> Without(List<IFieldSymbol> buffers, IFieldSymbol removed)
    {
        var kept = new List<IFieldSymbol>(buffers.Count);
        foreach (IFieldSymbol buffer in buffers)
        {
            if (!SymbolEqualityComparer.Default.Equals(buffer, removed))
            {
                kept.Add(buffer);
            }
        }

        return kept;
    }

    /// <summary>A private or read-only Task or ValueTask instance field: only the type's own code sets it.</summary>
    private static bool IsTaskField(ISymbol member) =>
        member is IFieldSymbol { IsStatic: false } field && (field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly) &&
        field.Type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>
    /// Whether the task field written here is given the same operation (<paramref name="operation"/>, by name) started again
    /// on every buffer field followed (<c>_pending = _ring.ReceiveAsync(_fd, _rx, ...).AsTask();</c> after the last one was
    /// awaited): whichever store ran last, the field holds an operation in flight on those buffers.
    /// </summary>
    private static bool IsRestart(AsyncSysApi api, IOperation reference, string operation, List<IFieldSymbol> buffers)
    {
        IOperation value = ((ISimpleAssignmentOperation)reference.Parent!).Value.WithoutConversions();
        if (value is IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Instance: { } converted })
        {
            value = converted.WithoutConversions();
        }

        if (value is not IInvocationOperation start || !api.IsAsyncSyscall(start.TargetMethod) || start.TargetMethod.Name != operation)
        {
            return false;
        }

        foreach (IFieldSymbol buffer in buffers)
        {
            bool given = false;
            foreach (IArgumentOperation argument in start.Arguments)
            {
                foreach (IOperation inside in argument.Value.DescendantsAndSelf())
                {
                    given |= inside is IFieldReferenceOperation field && IsOwn(field) && SymbolEqualityComparer.Default.Equals(field.Field, buffer);
                }
            }

            if (!given)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="node"/> comes before <paramref name="other"/> in the type's source (by file, then position).</summary>
    private static bool Precedes(SyntaxNode node, SyntaxNode other) =>
        node.SyntaxTree == other.SyntaxTree
            ? node.SpanStart < other.SpanStart
            : string.CompareOrdinal(node.SyntaxTree.FilePath, other.SyntaxTree.FilePath) < 0;

    // `_task is null`, `_task is not null`, `_task == null`, `_task != null`.
    private static bool IsNullTest(IOperation reference)
    {
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } => true,
            IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } } => true,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary =>
                binary.LeftOperand.WithoutConversions().ConstantValue is { HasValue: true, Value: null } || binary.RightOperand.WithoutConversions().ConstantValue is { HasValue: true, Value: null },
            _ => false,
        };
    }

    // The innermost loop statement around a node, inside its member.
    private static SyntaxNode? LoopAround(SyntaxNode node, SyntaxNode? member)
    {
        for (SyntaxNode? current = node.Parent; current is not null && current != member; current = current.Parent)
        {
            if (current is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>This object's field (<c>_x</c>, <c>this._x</c>), not another instance's.</summary>
    private static bool IsOwn(IOperation reference) =>
        reference is IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } };

    private static bool IsWrite(IOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    private static bool IsAssigned(SyntaxNode reference) =>
        reference.Parent is AssignmentExpressionSyntax assignment && assignment.Left == reference;

    /// <summary>
    /// A consumption of the task (await, Wait, Result, GetAwaiter().GetResult(), AsTask, ConfigureAwait, Preserve, or
    /// handed to Task.WhenAll/WhenAny/WaitAll/WaitAny): after it, on that path, the operation is no longer assumed pending.
    /// </summary>
    private static bool IsConsumption(IOperation reference)
    {
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IAwaitOperation => true,
            IPropertyReferenceOperation { Property.Name: "Result" } => true,
            IInvocationOperation { TargetMethod.Name: "AsTask" or "GetAwaiter" or "ConfigureAwait" or "Preserve" or "Wait" } invocation =>
                invocation.Instance?.WithoutConversions() == reference,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny" or "WaitAsync" } } } => true,
            IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny" } } } } => true,
            _ => false,
        };
    }

    /// <summary>
    /// The local a pattern copies the task into (<c>if (_send is { } send) await send;</c>, since round 52): a consumption of
    /// that local in the same member is one of the task.
    /// </summary>
    private static ILocalSymbol? AliasOf(IOperation reference)
    {
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IIsPatternOperation { Pattern: var pattern } && pattern switch
        {
            IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol local } => local,
            IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local } => local,
            _ => null,
        } is { } alias
            ? alias
            : null;
    }

    /// <summary>The task handed out as it is (a property returning it): neither a consumption here nor a use to give up on.</summary>
    private static bool IsReturned(IOperation reference) =>
        reference.Parent is IReturnOperation || (reference.Parent is null && reference.Syntax.Parent is ArrowExpressionClauseSyntax or ReturnStatementSyntax) ||
        (reference.Parent is IConversionOperation { Parent: IReturnOperation });

    /// <summary>The method, accessor or field declaration the name is in; null inside a lambda, a local function or a nested type.</summary>
    private static SyntaxNode? MemberOf(SyntaxNode name, SyntaxNode type)
    {
        for (SyntaxNode? node = name.Parent; node is not null && node != type; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseTypeDeclarationSyntax:
                    return null;
                case AccessorDeclarationSyntax or BaseMethodDeclarationSyntax or BaseFieldDeclarationSyntax:
                    return node;
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                    return node;
                case BasePropertyDeclarationSyntax:
                    return node;
            }
        }

        return null;
    }

    private static string NameOf(SyntaxNode member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax property } accessor => property.Identifier.ValueText + "." + accessor.Keyword.ValueText,
        _ => "another member",
    };

    /// <summary>The bit: on some path here the task has not been consumed yet in this member; a touch then is reported.</summary>
    private sealed class PendingFlow : IFlowRule<FlowBit>
    {
        private readonly CodeRootContext _context;
        private readonly AsyncSysApi _api;
        private readonly Buffers _buffers;
        private readonly ISymbol _task;
        private readonly List<IFieldSymbol> _fields;
        private readonly SyntaxNode _call;
        private readonly string _operation;
        private readonly string _member;
        private readonly HashSet<SyntaxNode> _reported = new();
        private HashSet<ILocalSymbol>? _aliases;

        public PendingFlow(CodeRootContext context, AsyncSysApi api, Buffers buffers, ISymbol task, List<IFieldSymbol> fields, SyntaxNode call, string operation, string member)
        {
            _context = context;
            _api = api;
            _buffers = buffers;
            _task = task;
            _fields = fields;
            _call = call;
            _operation = operation;
            _member = member;
        }

        public FlowBit Entry => new(true);

        public FlowBit Join(FlowBit first, FlowBit second) => FlowBit.Join(first, second);

        public bool IsEvent(IOperation operation) =>
            (operation is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field, _task)) ||
            operation is ILocalReferenceOperation ||
            operation is ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation or IInvocationOperation;

        public FlowBit Apply(IOperation operation, FlowBit state, bool report)
        {
            if (operation is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field, _task))
            {
                if (AliasOf(reference) is { } alias)
                {
                    (_aliases ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(alias);
                }

                return IsConsumption(reference) ? new FlowBit(false) : state;
            }

            if (operation is ILocalReferenceOperation aliased && _aliases is not null && _aliases.Contains(aliased.Local))
            {
                return IsConsumption(aliased) ? new FlowBit(false) : state;
            }

            if (!state.Value || !report || Touches.Describe(_api, _buffers, operation) is not { } touch ||
                FindBuffer(_fields, touch.Buffer) is null || !_reported.Add(operation.Syntax))
            {
                return state;
            }

            string line = (_call.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _context.Report(Diagnostic.Create(
                BufferTouchedInFlightAnalyzer.Rule, operation.Syntax.GetLocation(), additionalLocations: new[] { _call.GetLocation() },
                ImmutableDictionary<string, string?>.Empty, touch.Buffer.Name, touch.How, _operation, line,
                "its task is kept in '" + _task.Name + "', which '" + _member + "' has not awaited on this path"));
            return state;
        }

        public bool TakesEffectWhenThrowing(IOperation operation) => false;

        // `if (_send is { } send)` false: the field holds no task, so nothing of it is in flight on that branch.
        public FlowBit? Assume(IOperation condition, FlowBit state, bool value) =>
            (!value && condition.WithoutConversions() is IIsPatternOperation { Value: var tested } &&
             tested.WithoutConversions() is IFieldReferenceOperation field && SymbolEqualityComparer.Default.Equals(field.Field, _task) &&
             AliasOf(field) is not null) || IsNullOn(condition, value)
                ? new FlowBit(false)
                : state;

        // Since session 58: `if (_receive is not null) await _receive;` false (or `_receive is null` true): the field holds no
        // task on that branch, so no operation of it is in flight there.
        private bool IsNullOn(IOperation condition, bool value)
        {
            bool negated = false;
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
                negated = !negated;
            }

            (IOperation? tested, bool nullWhen) = condition switch
            {
                IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } pattern => (pattern.Value, true),
                IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } } pattern => (pattern.Value, false),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary when binary.RightOperand.WithoutConversions().ConstantValue is { HasValue: true, Value: null } =>
                    (binary.LeftOperand, binary.OperatorKind == BinaryOperatorKind.Equals),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary when binary.LeftOperand.WithoutConversions().ConstantValue is { HasValue: true, Value: null } =>
                    (binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Equals),
                _ => ((IOperation?)null, false),
            };
            return tested?.WithoutConversions() is IFieldReferenceOperation field && IsOwn(field) && SymbolEqualityComparer.Default.Equals(field.Field, _task) &&
                   (value != negated) == nullWhen;
        }
    }
}
