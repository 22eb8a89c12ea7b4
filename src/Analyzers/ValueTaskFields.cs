using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// A ValueTask field (or auto-property) that holds an asynchronous syscall's task: every member of the type that
/// consumes it consumes that one operation, so two consuming members (an xunit fixture's <c>InitializeAsync</c> and
/// <c>DisposeAsync</c>) consume it twice.
/// </summary>
/// <remarks>
/// Followed only from the member that stores an operation's task in such a field, so a type without one costs nothing.
/// The type's code is scanned for the field's name and only those names are bound. The rule stays quiet whenever it
/// would have to guess: the field written in more than one member, written outside a constructor or initializer (for
/// the check across members), read through another instance, copied, captured by a lambda, or used in any way that is
/// neither a write, a completion check nor a consumption.
/// </remarks>
internal static class ValueTaskFields
{
    /// <summary>How one reference to the field uses it.</summary>
    private enum Use
    {
        /// <summary>Something the check cannot follow: it gives up on the field.</summary>
        Unknown,
        Write,
        Consumption,
        CompletionCheck,
    }

    /// <summary>
    /// The private (or read-only) ValueTask field, or auto-property with at most a private setter, of the type whose
    /// code this is, that the call's task is assigned to (through conversions and the arms of <c>?:</c>); null otherwise.
    /// </summary>
    public static ISymbol? StoredIn(IOperation call)
    {
        IOperation value = call;
        IOperation? parent = call.Parent;
        while (parent is IConversionOperation || (parent is IConditionalOperation conditional && conditional.Condition != value))
        {
            value = parent;
            parent = parent.Parent;
        }

        ISymbol? member = parent switch
        {
            ISimpleAssignmentOperation assignment when assignment.Value == value && IsOwnInstanceOrStatic(assignment.Target) =>
                (assignment.Target as IMemberReferenceOperation)?.Member,
            IFieldInitializerOperation { InitializedFields.Length: 1 } initializer => initializer.InitializedFields[0],
            _ => null,
        };
        return member is not null && IsFollowed(member) ? member : null;
    }

    /// <summary>
    /// Reports a consumption of <paramref name="field"/>'s task that another consumption may already have made, with
    /// no write of the field between them: in another member when the only write is in a constructor or an
    /// initializer (they run once, before any other member), or again on a path of one member.
    /// </summary>
    public static void ReportConsumedAgain(CodeRootContext context, ISymbol field, string operation, System.Action<SyntaxNode, string> report)
    {
        var members = new List<MemberUses>();
        foreach (SyntaxReference declaration in field.ContainingType.DeclaringSyntaxReferences)
        {
            SyntaxNode type = declaration.GetSyntax(context.CancellationToken);
            SemanticModel? model = null;
            foreach (SyntaxNode node in type.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != field.Name)
                {
                    continue;
                }

                model ??= context.ModelOf(type.SyntaxTree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, context.CancellationToken).Symbol, field))
                {
                    continue;
                }

                // In a lambda, a local function or a nested type the reference runs at times this check cannot tell.
                SyntaxNode? member = MemberOf(name, type);
                SyntaxNode reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (member is null || model.GetOperation(reference, context.CancellationToken) is not { } bound)
                {
                    return;
                }

                Use use = UseOf(bound);
                if (use == Use.Unknown)
                {
                    return;
                }

                MemberUses uses = Find(members, member, model);
                if (use == Use.Write)
                {
                    uses.Writes.Add(reference);
                }
                else if (use == Use.Consumption)
                {
                    uses.Consumptions.Add(reference);
                }
            }
        }

        // An initializer is a write no name shows.
        bool initialized = SymbolEqualityComparer.Default.Equals(context.Owner, field);
        MemberUses? writer = null;
        foreach (MemberUses uses in members)
        {
            if (uses.Writes.Count > 0)
            {
                if (writer is not null || initialized)
                {
                    return;
                }

                writer = uses;
            }
        }

        // Again on a path of one member (each member from its own entry, where nothing of the field is known).
        foreach (MemberUses uses in members)
        {
            if (uses.Consumptions.Count > 1 && GraphOf(context, uses) is { } graph)
            {
                ForwardFlow.Run(graph, new ConsumedFlow(field, context.Model.SyntaxTree, operation, report));
            }
        }

        if (writer is not null && !initialized && !RunsFirstAndOnce(context.Owner, field))
        {
            ReportConsumedByTwoReaders(context, field, writer, members, report);
            return;
        }

        if ((writer is null && !initialized) || !RunsFirstAndOnce(context.Owner, field))
        {
            return;
        }

        // Across members: the writer (a constructor) consumes first if it consumes at all, after its writes; then the others.
        SyntaxNode? first = null;
        string firstMember = "";
        string writtenIn = initialized ? "its initializer" : "the constructor";
        if (writer is not null && writer.Consumptions.Count > 0)
        {
            foreach (SyntaxNode write in writer.Writes)
            {
                if (write.SpanStart > writer.Consumptions[0].SpanStart)
                {
                    return;
                }
            }

            first = writer.Consumptions[0];
            firstMember = NameOf(writer.Member);
        }

        members.Sort((a, b) => a.Consumptions.Count == 0 || b.Consumptions.Count == 0
            ? b.Consumptions.Count.CompareTo(a.Consumptions.Count)
            : a.Consumptions[0].SpanStart.CompareTo(b.Consumptions[0].SpanStart));
        foreach (MemberUses uses in members)
        {
            if (uses == writer || uses.Consumptions.Count == 0)
            {
                continue;
            }

            SyntaxNode consumption = uses.Consumptions[0];
            if (first is null)
            {
                first = consumption;
                firstMember = NameOf(uses.Member);
                continue;
            }

            if (consumption.SyntaxTree == context.Model.SyntaxTree)
            {
                int line = first.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                report(ConsumingNode(consumption), "consumed again: '" + field.Name + "' holds one operation's task from " + writtenIn +
                    ", and '" + firstMember + "' already consumes it (line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    "); keep it as a Task (AsTask() once) or with Preserve() to consume it in more than one place");
            }
        }
    }

    /// <summary>
    /// Since round 50: the field written by one ordinary member only (<c>CommitAsync</c> stores its fdatasync's task), which
    /// does not consume it, and consumed by two or more other members that never write it (<c>WaitDurableAsync</c> and
    /// <c>DisposeAsync</c> both await it): after one of them consumed the task, the next consumes it again unless the writer
    /// ran between. Reported at the first consumption of each reader after the first, in source order.
    /// </summary>
    private static void ReportConsumedByTwoReaders(CodeRootContext context, ISymbol field, MemberUses writer, List<MemberUses> members, System.Action<SyntaxNode, string> report)
    {
        if (writer.Consumptions.Count > 0)
        {
            return;
        }

        var readers = new List<MemberUses>();
        foreach (MemberUses uses in members)
        {
            if (uses != writer && uses.Consumptions.Count > 0)
            {
                readers.Add(uses);
            }
        }

        if (readers.Count < 2)
        {
            return;
        }

        readers.Sort((a, b) => a.Consumptions[0].SpanStart.CompareTo(b.Consumptions[0].SpanStart));
        SyntaxNode first = readers[0].Consumptions[0];
        int line = first.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        for (int i = 1; i < readers.Count; i++)
        {
            SyntaxNode consumption = readers[i].Consumptions[0];
            if (consumption.SyntaxTree == context.Model.SyntaxTree)
            {
                report(ConsumingNode(consumption), "consumed again: '" + field.Name + "' holds the task '" + NameOf(writer.Member) +
                    "' stores, and '" + NameOf(readers[0].Member) + "' consumes it too (line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    "), so whichever runs second consumes it again unless '" + NameOf(writer.Member) +
                    "' ran between; keep it as a Task (AsTask() once), or take it out of the field where it is consumed");
            }
        }
    }

    /// <summary>A ValueTask field the type alone can write: private, or read-only; an auto-property without a setter others can call.</summary>
    private static bool IsFollowed(ISymbol member) => member switch
    {
        IFieldSymbol field => IsValueTask(field.Type) && (field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly),
        IPropertySymbol property => IsValueTask(property.Type) && property.Parameters.Length == 0 &&
            (property.SetMethod is null || property.SetMethod.DeclaredAccessibility == Accessibility.Private) && IsAutoProperty(property),
        _ => false,
    };

    private static bool IsValueTask(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true } backing && SymbolEqualityComparer.Default.Equals(backing.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>This object's member (<c>_x</c>, <c>this._x</c>) or a static one: not another instance's.</summary>
    private static bool IsOwnInstanceOrStatic(IOperation target) => target switch
    {
        IFieldReferenceOperation field => field.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance },
        IPropertyReferenceOperation property => property.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance },
        _ => false,
    };

    /// <summary>Whether the code that writes the field (the root's owner) runs once per object (or type) before any other member.</summary>
    private static bool RunsFirstAndOnce(ISymbol? owner, ISymbol field) => owner switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor =>
            constructor.IsStatic == field.IsStatic && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, field.ContainingType),
        IFieldSymbol or IPropertySymbol => SymbolEqualityComparer.Default.Equals(owner, field),
        _ => false,
    };

    private static Use UseOf(IOperation reference)
    {
        if (!IsOwnInstanceOrStatic(reference))
        {
            return Use.Unknown;
        }

        if (TaskUses.IsCompletionCheck(reference))
        {
            return Use.CompletionCheck;
        }

        switch (reference.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                return Use.Write;
            case IAwaitOperation or IReturnOperation:
            case IPropertyReferenceOperation { Property.Name: "Result" }:
            case IInvocationOperation { TargetMethod.Name: "AsTask" or "GetAwaiter" or "ConfigureAwait" or "Preserve" } invocation when invocation.Instance == reference:
            case IArgumentOperation { Parameter: { RefKind: RefKind.None } parameter } when IsValueTask(parameter.Type):
                return Use.Consumption;
            case null when reference.Syntax.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                // In a control flow graph the returned value is the block's branch value, with no parent.
                return Use.Consumption;
            default:
                return Use.Unknown;
        }
    }

    /// <summary>The accessor, member or initializer the name is in; null inside a lambda, a local function or a nested type.</summary>
    private static SyntaxNode? MemberOf(SyntaxNode name, SyntaxNode type)
    {
        for (SyntaxNode? node = name.Parent; node is not null && node != type; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseTypeDeclarationSyntax:
                    return null;
                case AccessorDeclarationSyntax or BaseMethodDeclarationSyntax:
                    return node;
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                    return node;
                case BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax:
                    return node;
            }
        }

        return null;
    }

    private static MemberUses Find(List<MemberUses> members, SyntaxNode member, SemanticModel model)
    {
        foreach (MemberUses uses in members)
        {
            if (uses.Member == member)
            {
                return uses;
            }
        }

        var added = new MemberUses(member, model);
        members.Add(added);
        return added;
    }

    private static ControlFlowGraph? GraphOf(CodeRootContext context, MemberUses uses) =>
        uses.Model.GetOperation(uses.Member, context.CancellationToken) is { } body
            ? FunctionGraphs.Find(body, null, null, context.CancellationToken)
            : null;

    /// <summary>The await, <c>.Result</c> or call that consumes the task through this reference (where the report goes).</summary>
    private static SyntaxNode ConsumingNode(SyntaxNode reference)
    {
        SyntaxNode node = reference;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            AwaitExpressionSyntax await => await,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } => call,
            _ => reference,
        };
    }

    private static string NameOf(SyntaxNode member) => member switch
    {
        AccessorDeclarationSyntax { Parent.Parent: BasePropertyDeclarationSyntax property } accessor => NameOf(property) + "." + accessor.Keyword.ValueText,
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax => "the constructor",
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        ArrowExpressionClauseSyntax { Parent: { } property } => NameOf(property),
        _ => "another member",
    };

    /// <summary>Where one member writes and consumes the field.</summary>
    private sealed class MemberUses
    {
        public MemberUses(SyntaxNode member, SemanticModel model)
        {
            Member = member;
            Model = model;
        }

        public SyntaxNode Member { get; }

        public SemanticModel Model { get; }

        public List<SyntaxNode> Writes { get; } = new();

        public List<SyntaxNode> Consumptions { get; } = new();
    }

    /// <summary>A second consumption of the field on a path of one member with no write between (branches that cannot both run are one).</summary>
    private sealed class ConsumedFlow : IFlowRule<FlowBit>
    {
        private readonly ISymbol _field;
        private readonly SyntaxTree _tree;
        private readonly string _operation;
        private readonly System.Action<SyntaxNode, string> _report;
        private readonly HashSet<SyntaxNode> _reported = new();

        public ConsumedFlow(ISymbol field, SyntaxTree tree, string operation, System.Action<SyntaxNode, string> report)
        {
            _field = field;
            _tree = tree;
            _operation = operation;
            _report = report;
        }

        public FlowBit Entry => default;

        public FlowBit Join(FlowBit first, FlowBit second) => FlowBit.Join(first, second);

        public bool IsEvent(IOperation operation) =>
            operation is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, _field);

        public FlowBit Apply(IOperation operation, FlowBit state, bool report)
        {
            switch (UseOf(operation))
            {
                case Use.Write:
                    return default;
                case Use.Consumption:
                    SyntaxNode node = ConsumingNode(operation.Syntax);
                    if (report && state.Value && node.SyntaxTree == _tree && _reported.Add(node))
                    {
                        _report(node, "consumed more than once: '" + _field.Name + "' holds the task of '" + _operation +
                            "' and was already consumed on a path that reaches here, with no new task stored in it between");
                    }

                    return new FlowBit(true);
                default:
                    return state;
            }
        }

        public bool TakesEffectWhenThrowing(IOperation operation) => true;

        public FlowBit? Assume(IOperation condition, FlowBit state, bool value) => state;
    }
}
