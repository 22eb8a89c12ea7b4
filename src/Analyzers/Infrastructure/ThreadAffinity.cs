using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// What reads a thread's own state: <c>[ThreadStatic]</c> fields, <c>ThreadLocal&lt;T&gt;.Value</c>,
/// <c>Thread.CurrentThread</c> (and its members), <c>Environment.CurrentManagedThreadId</c>, and a property or
/// method of this compilation, with or without parameters, whose whole body is one of those, an arm of a <c>?:</c> or
/// switch expression that is, or an element of one (one level, read from its syntax). Apart from
/// those: helpers whose body asks which thread runs it (<c>OnUiThread =&gt; Environment.CurrentManagedThreadId == s_ui</c>)
/// or computes its answer from per-thread storage (<c>RemainingMs =&gt; (int)(t_deadline - Environment.TickCount64)</c>),
/// whose answer is the worker's inside an offloaded wrapper (<see cref="DescribeOnWorker"/>).
/// </summary>
internal sealed class ThreadAffinity
{
    private readonly AsyncSysApi _api;
    private readonly ConcurrentDictionary<ISymbol, HelperRead> _helpers = new(SymbolEqualityComparer.Default);

    public ThreadAffinity(AsyncSysApi api) => _api = api;

    /// <summary>Describes a read of per-thread state for a message, or returns null if the operation is not one.</summary>
    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IConversionOperation conversion:
                return Describe(conversion.Operand);
            case IFieldReferenceOperation field when IsThreadStatic(field.Field):
                return "[ThreadStatic] field '" + field.Field.Name + "'";
            case ICoalesceAssignmentOperation coalesce:
                return Describe(coalesce.Target);
            case IPropertyReferenceOperation property:
                IPropertySymbol symbol = property.Property;
                if (symbol.Name == "Value" && _api.Is(symbol.ContainingType, _api.ThreadLocalOfT))
                {
                    return "ThreadLocal value '" + property.Syntax + "'";
                }

                if (symbol.Name == "CurrentThread" && _api.Is(symbol.ContainingType, _api.Thread))
                {
                    return "Thread.CurrentThread";
                }

                if (symbol.Name == "CurrentManagedThreadId" && _api.Is(symbol.ContainingType, _api.Environment))
                {
                    return "Environment.CurrentManagedThreadId";
                }

                // Thread.CurrentThread.ManagedThreadId, .Name: a fact about the thread that read it.
                if (property.Instance is { } instance && _api.Is(symbol.ContainingType, _api.Thread) && Describe(instance) is { } owner)
                {
                    return owner + "." + symbol.Name;
                }

                return property.Instance is null || property.Instance is IInstanceReferenceOperation ? Helper(symbol) : null;
            case IInvocationOperation invocation when invocation.Instance is null or IInstanceReferenceOperation:
                // A helper's arguments only choose which per-thread value it returns (NamespaceFd(CLONE_NEWNET)).
                return Helper(invocation.TargetMethod);
            default:
                return null;
        }
    }

    /// <summary>
    /// What <see cref="Describe"/> names, and also a helper that checks which thread runs it (a comparison with a saved
    /// thread id or Thread): on a worker thread its answer is the worker's. Across an await such a check is not
    /// followed: a bool that says where the code started is a record of the past, like a logged id.
    /// </summary>
    public string? DescribeOnWorker(IOperation operation)
    {
        if (Describe(operation) is { } read)
        {
            return read;
        }

        ISymbol? helper = operation switch
        {
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
            IInvocationOperation { Instance: null or IInstanceReferenceOperation } invocation => invocation.TargetMethod,
            _ => null,
        };
        return helper is null ? null : Helper(helper, threadChecks: true);
    }

    /// <summary>
    /// Whether a symbol is per-thread state or a way to read it (the symbol-level twin of <see cref="Describe"/>, for
    /// the pre-filter): a [ThreadStatic] field, ThreadLocal.Value, Thread.CurrentThread, Environment.CurrentManagedThreadId,
    /// or a helper of this compilation returning one.
    /// </summary>
    public bool IsPerThread(ISymbol? symbol) => symbol switch
    {
        IFieldSymbol field => IsThreadStatic(field),
        IPropertySymbol { Name: "Value" } property when _api.Is(property.ContainingType, _api.ThreadLocalOfT) => true,
        IPropertySymbol { Name: "CurrentThread" } property when _api.Is(property.ContainingType, _api.Thread) => true,
        IPropertySymbol { Name: "CurrentManagedThreadId" } property when _api.Is(property.ContainingType, _api.Environment) => true,
        IPropertySymbol property => Helper(property) is not null,
        IMethodSymbol method => Helper(method) is not null,
        _ => false,
    };

    /// <summary>Per-thread storage touched directly: the [ThreadStatic] field, or the field holding the ThreadLocal.</summary>
    public ISymbol? Storage(IOperation operation) => operation switch
    {
        IFieldReferenceOperation field when IsThreadStatic(field.Field) => field.Field,
        IPropertyReferenceOperation { Property.Name: "Value", Instance: IFieldReferenceOperation owner } property
            when _api.Is(property.Property.ContainingType, _api.ThreadLocalOfT) => owner.Field,
        _ => null,
    };

    /// <summary>
    /// What a method of this compilation does with per-thread storage in its own body (one level, not the helpers it
    /// calls): the [ThreadStatic] fields and ThreadLocal fields (their <c>Value</c>) it reads, those it sets to a value of
    /// its caller's (not a fresh object, the lazy cache's <c>??=</c>, nor a default), and those it resets to a default.
    /// Null when it touches none, or is not an ordinary method with a body in source. Bound once per method.
    /// </summary>
    public StorageUse? StorageUseOf(IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.MethodKind != MethodKind.Ordinary || definition.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        return _storageUses.GetOrAdd(definition, m => ComputeStorageUse(m));
    }

    private readonly ConcurrentDictionary<IMethodSymbol, StorageUse?> _storageUses = new(SymbolEqualityComparer.Default);

    private StorageUse? ComputeStorageUse(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration ||
            ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is not { } body)
        {
            return null;
        }

        // Only bodies that name per-thread storage of this compilation are bound.
        DeclaredNames names = _api.Names;
        bool mentions = false;
        foreach (SyntaxToken token in body.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && (names.ThreadStatics.Contains(token.ValueText) || names.ThreadLocalFields.Contains(token.ValueText)))
            {
                mentions = true;
                break;
            }
        }

        if (!mentions || _api.Compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(body) is not { } operation)
        {
            return null;
        }

        var reads = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        var sets = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        var resets = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        System.Collections.Generic.HashSet<ISymbol>? readPlainly = null;
        foreach (IOperation inside in operation.DescendantsAndSelf())
        {
            if (Storage(inside) is not { } storage)
            {
                continue;
            }

            IOperation written = inside.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value && value.Instance == inside ? value : inside;
            if (written.Parent is ISimpleAssignmentOperation assignment && assignment.Target == written)
            {
                IOperation given = assignment.Value.WithoutConversions();
                if (given is IDefaultValueOperation || given.ConstantValue is { HasValue: true, Value: null or false or 0 })
                {
                    resets.Add(storage);
                }
                else if (given is not (IObjectCreationOperation or IArrayCreationOperation))
                {
                    sets.Add(storage);
                }
            }
            else
            {
                reads.Add(storage);
                if (!FoldedIntoNewObject(inside))
                {
                    (readPlainly ??= new System.Collections.Generic.HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(storage);
                }
            }
        }

        // A push onto a per-thread stack (`var scope = new LogScope(name, t_current); t_current = scope;`): the helper reads
        // the storage only into the new value it sets there, so any value the running thread holds serves (since round 47).
        var pushes = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (ISymbol storage in sets)
        {
            if (reads.Contains(storage) && (readPlainly is null || !readPlainly.Contains(storage)))
            {
                pushes.Add(storage);
            }
        }

        return reads.Count + sets.Count + resets.Count == 0 ? null : new StorageUse(reads.ToImmutable(), sets.ToImmutable(), resets.ToImmutable(), pushes.ToImmutable());
    }

    // A read that is an argument of an object creation, or a value its initializer sets, through conversions.
    private static bool FoldedIntoNewObject(IOperation read)
    {
        IOperation current = read.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value && value.Instance == read ? value : read;
        for (IOperation? parent = current.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConversionOperation:
                case IArgumentOperation:
                case IObjectOrCollectionInitializerOperation:
                case IMemberInitializerOperation:
                case ISimpleAssignmentOperation assignment when assignment.Value == current && assignment.Parent is IObjectOrCollectionInitializerOperation:
                    continue;
                case IObjectCreationOperation:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    public bool IsThreadStatic(IFieldSymbol field)
    {
        if (!field.IsStatic || _api.ThreadStaticAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _api.ThreadStaticAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A helper in source whose body is a per-thread read (<c>static int Me =&gt; Environment.CurrentManagedThreadId;</c>),
    /// or, with <paramref name="threadChecks"/>, a check of which thread runs it.
    /// </summary>
    private string? Helper(ISymbol member, bool threadChecks = false)
    {
        if (member.DeclaringSyntaxReferences.Length != 1 || member.ContainingType is null)
        {
            return null;
        }

        HelperRead found = _helpers.GetOrAdd(member, ComputeHelper);
        if (found.Reads is not null)
        {
            return "'" + member.Name + "' (" + found.Reads + ")";
        }

        if (!threadChecks)
        {
            return null;
        }

        if (found.Checks is not null)
        {
            return "'" + member.Name + "' (which checks " + found.Checks + ")";
        }

        return found.Computes is not null ? "'" + member.Name + "' (which computes its value from " + found.Computes + ")" : null;
    }

    private HelperRead ComputeHelper(ISymbol member)
    {
        SyntaxNode declaration = member.DeclaringSyntaxReferences[0].GetSyntax();
        ExpressionSyntax? body = declaration switch
        {
            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            PropertyDeclarationSyntax { AccessorList: { } accessors } => GetterBody(accessors),
            MethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
            MethodDeclarationSyntax { Body.Statements: { Count: > 1 } statements } => ReturnedLocalInitializer(statements),
            AccessorDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            AccessorDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
            _ => null,
        };
        if (body is null)
        {
            return HelperRead.None;
        }

        // A parameter named like a [ThreadStatic] field hides it in the body: the name is not the field there.
        ImmutableArray<IParameterSymbol> parameters = member is IMethodSymbol method ? method.Parameters : ImmutableArray<IParameterSymbol>.Empty;
        var scope = new HelperScope(member.ContainingType, parameters);
        string? reads = DescribeSyntax(scope, body);
        return reads is not null ? new HelperRead(reads, null) : new HelperRead(null, DescribeCheck(scope, body), DescribeComputedFrom(scope, body));
    }

    /// <summary>
    /// The per-thread storage whose value a helper's returned expression computes with (<c>RemainingMs =&gt; t_deadline == 0
    /// ? -1 : (int)(t_deadline - Environment.TickCount64)</c>): a [ThreadStatic] field or a ThreadLocal's value read as a
    /// value. On a worker that is the worker's storage, so the answer is computed from what the caller never set there.
    /// Not the receiver of a call (<c>s_random.Value!.Next(50)</c> only uses this thread's generator as a tool) and not
    /// a thread id (<c>Environment.CurrentManagedThreadId % 16</c> is a shard: any thread's will do). Lambdas are not entered.
    /// </summary>
    private string? DescribeComputedFrom(HelperScope scope, ExpressionSyntax body)
    {
        foreach (SyntaxNode node in body.DescendantNodesAndSelf(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax))
        {
            string? storage = node switch
            {
                IdentifierNameSyntax name when !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name) &&
                                               FieldOf(scope, name) is { } field && IsThreadStatic(field) =>
                    "[ThreadStatic] field '" + field.Name + "'",
                MemberAccessExpressionSyntax qualified when QualifiedThreadStatic(qualified) is { } other =>
                    "[ThreadStatic] field '" + other.ContainingType.Name + "." + other.Name + "'",
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value", Expression: var owner } value
                    when OwnerField(scope, owner) is { } holder && _api.Is(holder.Type, _api.ThreadLocalOfT) =>
                    "ThreadLocal value '" + value + "'",
                _ => null,
            };
            if (storage is not null && !IsCallReceiver((ExpressionSyntax)node))
            {
                return storage;
            }
        }

        return null;
    }

    /// <summary>Whether an expression (through <c>!</c> and parentheses) is what a method is called on: <c>x.Next()</c>, <c>x!.Next()</c>.</summary>
    private static bool IsCallReceiver(ExpressionSyntax expression)
    {
        SyntaxNode current = expression;
        while (current.Parent is ParenthesizedExpressionSyntax || current.Parent is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            current = current.Parent;
        }

        return current.Parent is MemberAccessExpressionSyntax access && access.Expression == current && access.Parent is InvocationExpressionSyntax call && call.Expression == access;
    }

    /// <summary>
    /// The per-thread read a boolean expression compares (<c>Environment.CurrentManagedThreadId == s_owner</c>,
    /// <c>Thread.CurrentThread != s_ui</c>, <c>ReferenceEquals(Thread.CurrentThread, s_ui)</c>, <c>Equals(...)</c>), through
    /// <c>!</c>, <c>&amp;&amp;</c> and <c>||</c>; null for anything else.
    /// </summary>
    private string? DescribeCheck(HelperScope scope, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return DescribeCheck(scope, parenthesized.Expression);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return DescribeCheck(scope, not.Operand);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } logical:
                return DescribeCheck(scope, logical.Left) ?? DescribeCheck(scope, logical.Right);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison:
                return DescribeCompared(scope, comparison.Left) ?? DescribeCompared(scope, comparison.Right);
            case InvocationExpressionSyntax { Expression: var callee } call when CalledName(callee) is "Equals" or "ReferenceEquals":
                foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
                {
                    if (DescribeCompared(scope, argument.Expression) is { } compared)
                    {
                        return compared;
                    }
                }

                return callee is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equals" } instance ? DescribeCompared(scope, instance.Expression) : null;
            default:
                return null;
        }
    }

    private static string? CalledName(ExpressionSyntax callee) => callee switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private string? DescribeCompared(HelperScope scope, ExpressionSyntax operand)
    {
        while (operand is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            operand = operand is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)operand).Expression;
        }

        return DescribeSyntax(scope, operand);
    }

    /// <summary>Where a helper's body names its fields: its type, less the names its parameters hide.</summary>
    private readonly struct HelperScope
    {
        public HelperScope(INamedTypeSymbol type, ImmutableArray<IParameterSymbol> parameters)
        {
            Type = type;
            Parameters = parameters;
        }

        public INamedTypeSymbol Type { get; }

        public ImmutableArray<IParameterSymbol> Parameters { get; }
    }

    /// <summary>What a helper's body reads: per-thread state it hands back, or a check of which thread runs it (or neither).</summary>
    private sealed class HelperRead
    {
        public static readonly HelperRead None = new(null, null);

        public HelperRead(string? reads, string? checks, string? computes = null)
        {
            Reads = reads;
            Checks = checks;
            Computes = checks is null ? computes : null;
        }

        /// <summary>The per-thread state the helper hands back, as a message names it.</summary>
        public string? Reads { get; }

        /// <summary>The per-thread read the helper compares with something saved.</summary>
        public string? Checks { get; }

        /// <summary>The per-thread storage whose value the helper computes its answer from (see <c>DescribeComputedFrom</c>).</summary>
        public string? Computes { get; }
    }

    /// <summary>
    /// <c>var writer = t_writer ??= new(...); writer.Reset(); return writer;</c>: the initializer of the local the
    /// method ends by returning, when nothing assigns that local again.
    /// </summary>
    internal static ExpressionSyntax? ReturnedLocalInitializer(SyntaxList<StatementSyntax> statements)
    {
        if (statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: IdentifierNameSyntax returned })
        {
            return null;
        }

        string name = returned.Identifier.ValueText;
        ExpressionSyntax? initializer = null;
        foreach (StatementSyntax statement in statements)
        {
            if (statement is LocalDeclarationStatementSyntax declaration)
            {
                foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
                {
                    if (variable.Identifier.ValueText == name)
                    {
                        initializer = variable.Initializer?.Value;
                    }
                }
            }
            else if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } } && target.Identifier.ValueText == name)
            {
                return null;
            }
        }

        return initializer;
    }

    internal static ExpressionSyntax? GetterBody(AccessorListSyntax accessors)
    {
        foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
        {
            if (accessor.Keyword.ValueText != "get")
            {
                continue;
            }

            if (accessor.ExpressionBody is { } arrow)
            {
                return arrow.Expression;
            }

            if (accessor.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } returned })
            {
                return returned;
            }
        }

        return null;
    }

    // Syntax only: binding another member's body from here would need its semantic model.
    private string? DescribeSyntax(HelperScope scope, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return DescribeSyntax(scope, parenthesized.Expression);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                return DescribeSyntax(scope, suppressed.Operand);
            case ConditionalExpressionSyntax conditional:
                // `kind == CLONE_NEWNET ? t_network : t_mount`: per-thread state on the paths through that arm.
                return DescribeSyntax(scope, conditional.WhenTrue) ?? DescribeSyntax(scope, conditional.WhenFalse);
            case SwitchExpressionSyntax switchExpression:
                foreach (SwitchExpressionArmSyntax arm in switchExpression.Arms)
                {
                    if (DescribeSyntax(scope, arm.Expression) is { } armReads)
                    {
                        return armReads;
                    }
                }

                return null;
            case ElementAccessExpressionSyntax element when DescribeSyntax(scope, element.Expression) is { } table:
                // t_namespaces[kind]: an element of this thread's array (the worker's is another, or null).
                return "an element of " + table;
            case MemberAccessExpressionSyntax member:
                string text = member.ToString();
                if (text.EndsWith("Environment.CurrentManagedThreadId", System.StringComparison.Ordinal))
                {
                    return "Environment.CurrentManagedThreadId";
                }

                if (text.Contains("Thread.CurrentThread"))
                {
                    return text.Substring(text.IndexOf("Thread.CurrentThread", System.StringComparison.Ordinal));
                }

                if (member.Name.Identifier.ValueText == "Value" && OwnerField(scope, member.Expression) is { } field && _api.Is(field.Type, _api.ThreadLocalOfT))
                {
                    return "ThreadLocal value '" + text + "'";
                }

                // `RequestScope.t_current`: a [ThreadStatic] field of another type, named through that type.
                return QualifiedThreadStatic(member) is { } other ? "[ThreadStatic] field '" + other.ContainingType.Name + "." + other.Name + "'" : null;
            case IdentifierNameSyntax identifier when FieldOf(scope, identifier) is { } threadStatic && IsThreadStatic(threadStatic):
                return "[ThreadStatic] field '" + threadStatic.Name + "'";
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } when FieldOf(scope, target) is { } lazy && IsThreadStatic(lazy):
                return "[ThreadStatic] field '" + lazy.Name + "'";
            case BinaryExpressionSyntax { Left: IdentifierNameSyntax left } when FieldOf(scope, left) is { } coalesced && IsThreadStatic(coalesced):
                return "[ThreadStatic] field '" + coalesced.Name + "'";
            default:
                return null;
        }
    }

    /// <summary>
    /// The field an expression in a helper's body names as the owner of a <c>.Value</c>: one of its own type by name
    /// (<c>s_local</c>, unless a parameter hides it), one a <c>using static</c> import or an enclosing type gives that name
    /// (bound), or a field named through its type or reached through an object (<c>Holder.s_local</c>,
    /// <c>_context.Hints</c>, bound).
    /// </summary>
    private IFieldSymbol? OwnerField(HelperScope scope, ExpressionSyntax owner) => owner switch
    {
        IdentifierNameSyntax name => FieldOf(scope, name, valueOwner: true),
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => FieldNamed(scope, member.Identifier.ValueText),
        MemberAccessExpressionSyntax qualified => BoundField(qualified, instance: true),
        _ => null,
    };

    /// <summary>
    /// The field a simple name in a helper's body names: one of the helper's own type (unless a parameter hides it), or,
    /// when the type has no member of that name, the field the name binds to in the helper's own tree: one a
    /// <c>using static</c> import brings in (<c>t_lockMode</c> of <c>using static MergeThreadState;</c>), or one of an
    /// enclosing or base type. Bound only for names of [ThreadStatic] fields declared in this compilation, or for the owner
    /// of a <c>.Value</c> (a ThreadLocal), so other names cost nothing.
    /// </summary>
    private IFieldSymbol? FieldOf(HelperScope scope, IdentifierNameSyntax name, bool valueOwner = false)
    {
        string text = name.Identifier.ValueText;
        if (FieldNamed(scope, text) is { } own)
        {
            return own;
        }

        if (scope.Parameters.Any(p => p.Name == text) || !scope.Type.GetMembers(text).IsEmpty ||
            (!valueOwner && !_api.Names.ThreadStatics.Contains(text)))
        {
            return null;
        }

#pragma warning disable RS1030 // A helper declared in any tree is bound through that tree's own model, once per helper (cached).
        SemanticModel model = _api.Compilation.GetSemanticModel(name.SyntaxTree);
#pragma warning restore RS1030
        return model.GetSymbolInfo(name).Symbol as IFieldSymbol;
    }

    /// <summary>
    /// A <c>[ThreadStatic]</c> field of any type named through its type (<c>RequestScope.t_current</c>, <c>Scopes.Request.t_current</c>),
    /// bound only when its name is that of a [ThreadStatic] field declared in this compilation.
    /// </summary>
    private IFieldSymbol? QualifiedThreadStatic(MemberAccessExpressionSyntax access) =>
        access.Expression is not ThisExpressionSyntax && access.Name is IdentifierNameSyntax name &&
        _api.Names.ThreadStatics.Contains(name.Identifier.ValueText) && BoundStaticField(access) is { } field && IsThreadStatic(field)
            ? field
            : null;

    /// <summary>The static field a qualified name binds to (<c>Type.field</c>), from the model of the helper's own tree; null for anything else.</summary>
    private IFieldSymbol? BoundStaticField(MemberAccessExpressionSyntax access) => BoundField(access, instance: false);

    /// <summary>
    /// The field a qualified name binds to, from the model of the helper's own tree: a static one (<c>Type.field</c>), and
    /// with <paramref name="instance"/> also one reached through an object (<c>_context.Hints</c>); null for anything else.
    /// </summary>
    private IFieldSymbol? BoundField(MemberAccessExpressionSyntax access, bool instance)
    {
        if (access.Expression is ThisExpressionSyntax || access.Name is not IdentifierNameSyntax)
        {
            return null;
        }

#pragma warning disable RS1030 // A helper declared in any tree is bound through that tree's own model, once per helper (cached).
        SemanticModel model = _api.Compilation.GetSemanticModel(access.SyntaxTree);
#pragma warning restore RS1030
        return model.GetSymbolInfo(access).Symbol is IFieldSymbol field && (instance || field.IsStatic) ? field : null;
    }

    private static IFieldSymbol? FieldNamed(HelperScope scope, string name)
    {
        foreach (IParameterSymbol parameter in scope.Parameters)
        {
            if (parameter.Name == name)
            {
                return null;
            }
        }

        foreach (ISymbol candidate in scope.Type.GetMembers(name))
        {
            if (candidate is IFieldSymbol field)
            {
                return field;
            }
        }

        return null;
    }
}

/// <summary>What a helper does with per-thread storage (see <see cref="ThreadAffinity.StorageUseOf"/>).</summary>
internal sealed class StorageUse
{
    public StorageUse(ImmutableHashSet<ISymbol> reads, ImmutableHashSet<ISymbol> sets, ImmutableHashSet<ISymbol> resets, ImmutableHashSet<ISymbol> pushes)
    {
        Reads = reads;
        Sets = sets;
        Resets = resets;
        Pushes = pushes;
    }

    /// <summary>Storage read (also the lazy fill <c>t_cache ??= new ...</c>).</summary>
    public ImmutableHashSet<ISymbol> Reads { get; }

    /// <summary>Storage given a value of the caller's (<c>t_current = transaction</c>).</summary>
    public ImmutableHashSet<ISymbol> Sets { get; }

    /// <summary>Storage reset to a default (<c>t_current = null</c>).</summary>
    public ImmutableHashSet<ISymbol> Resets { get; }

    /// <summary>
    /// Storage set to a new object made around what the helper read of it, and read nowhere else (a push onto a per-thread
    /// stack: <c>var scope = new LogScope(name, t_current); t_current = scope;</c>): whatever the running thread holds serves.
    /// </summary>
    public ImmutableHashSet<ISymbol> Pushes { get; }
}
